using System.IO.Compression;
using System.Xml.Linq;

namespace MtlSharing.Packaging.Tests;

[Collection(PackedFeedCollection.Name)]
public sealed class PackageContentTests(PackedFeed feed)
{
    [Fact]
    public void Pack_writes_exactly_one_package_per_library()
    {
        Directory.GetFileSystemEntries(feed.Folder).Select(Path.GetFileName).Should().BeEquivalentTo(
            Repository.Packages.Select(id => $"{id}.{Repository.Version}.nupkg"));
    }

    [Theory]
    [InlineData("MtlSharing")]
    [InlineData("MtlSharing.Backbones")]
    [InlineData("MtlSharing.Training")]
    [InlineData("MtlSharing.Metrics")]
    [InlineData("MtlSharing.Distributed", "runtimes/linux-x64/native/libmtlsharing_mpi.so")]
    public void Each_package_has_its_assembly_docs_readme_licence_and_the_version_from_VERSION(string id, params string[] nativeFiles)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        entries.Should().Contain([$"lib/net10.0/{id}.dll", $"lib/net10.0/{id}.xml", "README.md", "LICENSE"]);
        entries.Where(e => e.StartsWith("runtimes/", StringComparison.Ordinal)).Should().BeEquivalentTo(nativeFiles,
            "libtorch comes with TorchSharp's backend package; the only native file of ours is MtlSharing.Distributed's MPI shim");

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
    [InlineData("MtlSharing", "TorchSharp", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("MtlSharing.Backbones", "MtlSharing", "TorchVision")]
    [InlineData("MtlSharing.Training", "MtlSharing", "TorchSharp.PyBridge", "Microsoft.Extensions.Logging.Abstractions")]
    [InlineData("MtlSharing.Metrics", "MtlSharing")]
    [InlineData("MtlSharing.Distributed", "MtlSharing.Training", "Microsoft.Extensions.Logging.Abstractions")]
    public void Each_package_declares_its_dependencies_at_the_central_versions(string id, params string[] dependencies)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));

        var declared = Dependencies(package);

        declared.Select(d => d.Id).Should().BeEquivalentTo(dependencies);
        foreach (var (dependency, version) in declared)
        {
            version.Should().Be(dependency.StartsWith("MtlSharing", StringComparison.Ordinal) ? Repository.Version : Repository.CentralVersion(dependency), dependency);
        }
    }

    [Fact]
    public void The_libraries_reference_TorchSharp_0_107_and_leave_the_backend_to_the_application()
    {
        foreach (var id in Repository.Packages)
        {
            using var package = ZipFile.OpenRead(feed.PackagePath(id));
            Dependencies(package).Select(d => d.Id).Should().NotContain(
                d => d.StartsWith("TorchSharp-", StringComparison.Ordinal) || d.StartsWith("libtorch", StringComparison.Ordinal), id);
        }

        using var core = ZipFile.OpenRead(feed.PackagePath("MtlSharing"));
        Dependencies(core).Should().Contain(("TorchSharp", "0.107.0"));
    }

    [Fact]
    public void The_MtlSharing_package_carries_the_build_step_for_older_Linux_as_in_the_repository()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("MtlSharing"));
        var source = Path.Combine(Repository.Root, "src", "MtlSharing", "buildTransitive");

        package.Entries.Select(e => e.FullName).Where(e => e.StartsWith("build", StringComparison.Ordinal)).Should()
            .BeEquivalentTo("buildTransitive/MtlSharing.targets", "buildTransitive/LibTorchSharpCompat.cs");
        foreach (var name in new[] { "MtlSharing.targets", "LibTorchSharpCompat.cs" })
        {
            using var stream = package.GetEntry($"buildTransitive/{name}")!.Open();
            using var packed = new MemoryStream();
            stream.CopyTo(packed);
            packed.ToArray().Should().Equal(File.ReadAllBytes(Path.Combine(source, name)), name);
        }
    }

    [Fact]
    public void The_Distributed_package_carries_the_MPI_shim_this_build_compiled_against_Open_MPI_4_and_its_source()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("MtlSharing.Distributed"));
        var project = Path.Combine(Repository.Root, "src", "MtlSharing.Distributed");

        package.Entries.Select(e => e.FullName).Where(e => e.StartsWith("runtimes/", StringComparison.Ordinal) || e.StartsWith("native/", StringComparison.Ordinal))
            .Should().BeEquivalentTo("runtimes/linux-x64/native/libmtlsharing_mpi.so", "native/mtlsharing_mpi.c");
        var shim = Bytes(package, "runtimes/linux-x64/native/libmtlsharing_mpi.so");
        shim.Should().Equal(File.ReadAllBytes(Path.Combine(project, "bin", Repository.Configuration, "net10.0", "libmtlsharing_mpi.so")), "the package holds the shim of this build");
        shim.AsSpan(0, 4).ToArray().Should().Equal([0x7f, (byte)'E', (byte)'L', (byte)'F'], "the shim is a Linux shared library");
        shim.AsSpan().IndexOf("libmpi.so.40\0"u8).Should().BeGreaterThan(0, "it links Open MPI 4's libmpi, as its README says");
        Bytes(package, "native/mtlsharing_mpi.c").Should().Equal(File.ReadAllBytes(Path.Combine(project, "native", "mtlsharing_mpi.c")), "the source, for another MPI's mpicc");
    }

    private static byte[] Bytes(ZipArchive package, string entry)
    {
        using var stream = package.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<(string Id, string Version)> Dependencies(ZipArchive package) =>
        Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!))
            .ToList();

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
}
