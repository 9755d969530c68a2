namespace MtlSharing.Docs.Tests.Checks;

/// <summary>Finds the repository's documentation and example sources from the test's output folder.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that holds MtlSharing.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>
    /// The documentation checked here: the root README.md, every docs/*.md and the README.md of each
    /// package (src/*/README.md, shipped inside the NuGet packages), as paths relative to the root.
    /// </summary>
    public static IReadOnlyList<string> DocumentationFiles =>
        [
            "README.md",
            .. Relative(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")),
            .. PackageReadmes,
        ];

    /// <summary>The README.md of each package, src/*/README.md, as paths relative to the root.</summary>
    public static IReadOnlyList<string> PackageReadmes =>
        Relative(Directory.GetDirectories(Path.Combine(Root, "src")).Select(folder => Path.Combine(folder, "README.md")).Where(File.Exists));

    /// <summary>The example sources whose regions the documentation quotes.</summary>
    public static IReadOnlyList<string> ExampleFiles =>
        Directory.GetFiles(Path.Combine(Root, "tests", "MtlSharing.Docs.Tests", "Examples"), "*.cs").Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads a file given relative to the root.</summary>
    /// <param name="relativePath">A path such as "docs/routing.md".</param>
    /// <returns>Its text.</returns>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static List<string> Relative(IEnumerable<string> paths) =>
        paths.Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

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
