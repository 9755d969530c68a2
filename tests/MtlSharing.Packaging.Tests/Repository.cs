using System.Reflection;
using System.Xml.Linq;

namespace MtlSharing.Packaging.Tests;

/// <summary>The repository these tests were built from, and the configuration they were built in.</summary>
internal static class Repository
{
    public static readonly string[] Packages = ["MtlSharing", "MtlSharing.Backbones", "MtlSharing.Training", "MtlSharing.Metrics", "MtlSharing.Distributed"];

    public static string Root { get; } = FindRoot();

    public static string Version { get; } = File.ReadAllText(Path.Combine(Root, "VERSION")).Trim();

    public static string Configuration { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    /// <summary>The version Directory.Packages.props sets for a NuGet.org package.</summary>
    public static string CentralVersion(string id) =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MtlSharing.sln")) && File.Exists(Path.Combine(folder.FullName, "build.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no MtlSharing.sln above {AppContext.BaseDirectory}");
    }
}
