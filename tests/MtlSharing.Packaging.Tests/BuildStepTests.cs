namespace MtlSharing.Packaging.Tests;

/// <summary>
/// The build step that makes TorchSharp 0.107 load where libstdc++ lacks GLIBCXX_3.4.32
/// (docs/torchsharp-on-older-linux.md) reaches a consumer through the MtlSharing package, and only
/// through it; turned off, the consumer's program cannot start TorchSharp on such a system.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class BuildStepTests(PackedFeed feed)
{
    private static readonly string PatchedMessage = $"MtlSharing: marked the {SystemLoader.MarkerVersion} version need weak in ";

    [Fact]
    public void The_consumer_imports_the_build_step_from_the_package_and_nothing_from_the_repository()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());
        var file = Path.Combine(feed.Consumer.ProjectFolder, "obj", "preprocessed.xml");

        var preprocess = feed.Consumer.Preprocess(file);

        preprocess.ExitCode.Should().Be(0, preprocess.Describe());
        var evaluated = File.ReadAllText(file);
        var packaged = Path.Combine(feed.NuGet.PackagesFolder, "mtlsharing", Repository.Version, "buildTransitive", "MtlSharing.targets");
        evaluated.Replace("//", "/", StringComparison.Ordinal).Should().Contain(packaged, "the targets come from the restored MtlSharing package");
        evaluated.Should().Contain("MtlSharingPatchLibTorchSharpInOutput");
        evaluated.Should().NotContain(Repository.Root, "a stranger's project sees nothing of the repository");
    }

    [Theory]
    [InlineData("MtlSharing.Backbones")]
    [InlineData("MtlSharing.Training")]
    [InlineData("MtlSharing.Distributed")]
    public void A_project_referencing_one_package_that_depends_on_MtlSharing_gets_the_build_step_too(string id)
    {
        var project = new ConsumerProject(feed.NewFolder(id), feed.NuGet, packages: [id]);

        var restore = project.Restore();

        restore.ExitCode.Should().Be(0, restore.Describe());
        project.RestoredImports.Should().Contain($"mtlsharing/{Repository.Version}/buildTransitive/MtlSharing.targets",
            $"{id} depends on MtlSharing, whose buildTransitive targets flow to whoever references {id}");
    }

    [LinuxX64Fact]
    public void The_output_copy_is_patched_where_this_system_needs_it_and_the_NuGet_cache_copy_never()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());
        var lacks = SystemLoader.LacksMarkerVersion;
        var output = feed.Consumer.OutputLibTorchSharp;

        feed.ConsumerBuild.Output.Contains(PatchedMessage + output, StringComparison.Ordinal).Should().Be(lacks, feed.ConsumerBuild.Describe());
        SystemLoader.RefusesForMarkerVersion(output, out var verdict).Should().BeFalse($"the loader accepts the output's copy:\n{verdict}");
        SystemLoader.RefusesForMarkerVersion(CachedLibTorchSharp(), out verdict).Should().Be(lacks, $"the cache's copy is as TorchSharp shipped it:\n{verdict}");
    }

    [WhereLibStdCxxLacksGlibcxx3432Fact]
    public void With_the_build_step_turned_off_TorchSharp_cannot_start_and_the_loader_names_GLIBCXX_3_4_32()
    {
        var build = feed.UnpatchedConsumerBuild;
        build.ExitCode.Should().Be(0, build.Describe());
        var output = feed.UnpatchedConsumer.OutputLibTorchSharp;
        build.Output.Should().NotContain(PatchedMessage);
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(CachedLibTorchSharp()), "nothing patched the output's copy");

        var run = feed.UnpatchedConsumer.Run();

        run.ExitCode.Should().NotBe(0, run.Describe());
        run.Output.Should().NotContain("steps:", "the program fails at its first call into TorchSharp");
        run.Error.Should().Contain("TypeInitializationException: The type initializer for 'TorchSharp.torch' threw an exception")
            .And.Contain("Failed to load native component LibTorchSharp");

        // TorchSharp's own message does not say why the library would not load; the system loader does.
        SystemLoader.RefusesForMarkerVersion(output, out var verdict).Should().BeTrue(verdict);
        verdict.Should().Contain($"version `{SystemLoader.MarkerVersion}' not found (required by {output})");
    }

    /// <summary>TorchSharp's libLibTorchSharp.so in the machine's packages folder, which the consumers read in place.</summary>
    private string CachedLibTorchSharp() => Path.Combine(
        feed.NuGet.MachinePackagesFolder, "torchsharp", Repository.CentralVersion("TorchSharp"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
}
