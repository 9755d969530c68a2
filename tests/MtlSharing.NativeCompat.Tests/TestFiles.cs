using System.Reflection;
using System.Xml.Linq;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>Where the repository, the targets file and the NuGet cache's unpatched native files are.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds MtlSharing.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The targets file a package consumer imports through buildTransitive.</summary>
    public static string TargetsFile => Path.Combine(RepositoryRoot, "src", "MtlSharing", "buildTransitive", "MtlSharing.targets");

    /// <summary>The NuGet cache's libLibTorchSharp.so: never written to, so it is the unpatched original.</summary>
    public static string NuGetLibTorchSharp
    {
        get
        {
            var path = Path.Combine(Metadata("TorchSharpPackageFolder"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            File.Exists(path).Should().BeTrue($"the TorchSharp package holds {path}; restore this project first");
            return path;
        }
    }

    /// <summary>A real shared object of libtorch's package that needs no GLIBCXX version: its bundled libgomp.</summary>
    public static string NuGetLibGomp
    {
        get
        {
            var folder = Path.Combine(Metadata("NuGetPackageRoot"), "libtorch-cpu-linux-x64");
            var found = Directory.Exists(folder) ? Directory.GetFiles(folder, "libgomp*.so*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault() : null;
            found.Should().NotBeNull($"libtorch's linux-x64 package under {folder} holds a libgomp");
            return found!;
        }
    }

    /// <summary>The TorchSharp-cpu version the repository uses (Directory.Packages.props).</summary>
    public static string TorchSharpCpuVersion =>
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "TorchSharp-cpu").Attribute("Version")!.Value;

    private static string Metadata(string key) =>
        typeof(TestFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MtlSharing.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds MtlSharing.sln; run the tests from the repository");
    }
}
