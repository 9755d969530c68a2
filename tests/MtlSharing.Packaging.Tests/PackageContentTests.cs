using System.IO.Compression;
using System.Xml.Linq;

namespace MtlSharing.Packaging.Tests;

[Collection(PackedFeedCollection.Name)]
public sealed class PackageContentTests(PackedFeed feed)
{
    [Fact]
    public void Pack_writes_exactly_one_package_per_library()
    {
        Directory.GetFiles(feed.Folder).Select(Path.GetFileName).Should().BeEquivalentTo(
            Repository.Packages.Select(id => $"{id}.{Repository.Version}.nupkg"));
    }

    [Theory]
    [InlineData("MtlSharing.Torch")]
    [InlineData("MtlSharing")]
    [InlineData("MtlSharing.Backbones")]
    [InlineData("MtlSharing.Training")]
    [InlineData("MtlSharing.Metrics")]
    public void Each_package_has_its_assembly_docs_readme_licence_and_the_version_from_VERSION(string id)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        entries.Should().Contain([$"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml", "README.md", "LICENSE"]);

        var metadata = Nuspec(package);
        Value(metadata, "id").Should().Be(id);
        Value(metadata, "version").Should().Be(Repository.Version);
        Value(metadata, "readme").Should().Be("README.md");
        Value(metadata, "license").Should().Be("MIT");
        Value(metadata, "description").Should().NotBeNullOrWhiteSpace();

        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        readme.ReadLine().Should().Be($"# {id}");
    }

    [Theory]
    [InlineData("MtlSharing.Torch")]
    [InlineData("MtlSharing", "MtlSharing.Torch", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("MtlSharing.Backbones", "MtlSharing")]
    [InlineData("MtlSharing.Training", "MtlSharing", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("MtlSharing.Metrics", "MtlSharing.Torch")]
    public void Each_package_declares_its_dependencies(string id, params string[] dependencies)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var declared = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();

        declared.Select(d => (string)d.Attribute("id")!).Should().BeEquivalentTo(dependencies);
        declared.Where(d => ((string)d.Attribute("id")!).StartsWith("MtlSharing", StringComparison.Ordinal))
            .Select(d => (string)d.Attribute("version")!).Should().AllBe(Repository.Version);
    }

    [Fact]
    public void The_torch_package_carries_the_native_shim_for_linux_x64()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("MtlSharing.Torch"));
        var shim = package.GetEntry("runtimes/linux-x64/native/libmtlshim.so");

        shim.Should().NotBeNull();
        shim!.Length.Should().Be(new FileInfo(Path.Combine(Repository.Root, "src", "MtlSharing.Torch", "obj", "native", "libmtlshim.so")).Length);
    }

    [Fact]
    public void The_torch_package_readme_says_what_the_shim_needs_and_how_to_rebuild_it()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("MtlSharing.Torch"));
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        var readme = reader.ReadToEnd();

        readme.Should().Contain("sudo apt-get install libtorch1.13").And.Contain("TorchNotInstalledException")
            .And.Contain("cmake -S native").And.Contain("runtimes/linux-x64/native/");
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
}
