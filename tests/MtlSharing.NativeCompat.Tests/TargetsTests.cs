namespace MtlSharing.NativeCompat.Tests;

/// <summary>
/// MtlSharing.targets run by MSBuild itself (the task compiled from source by RoslynCodeTaskFactory), on an
/// output folder holding copies of the real library, under each MtlSharingPatchLibTorchSharp setting.
/// </summary>
[Collection(Builds.Name)]
public sealed class TargetsTests : IDisposable
{
    private const string InOutput = "MtlSharingPatchLibTorchSharpInOutput";
    private const string InPublish = "MtlSharingPatchLibTorchSharpInPublish";

    private readonly TemporaryFolder folder = new("targets");
    private readonly byte[] original = File.ReadAllBytes(TestFiles.NuGetLibTorchSharp);
    private readonly string project;

    public TargetsTests()
    {
        project = folder.Combine("probe.proj");
        File.WriteAllText(project, $"""
            <Project>
              <Import Project="{TestFiles.TargetsFile}" />
            </Project>
            """);
    }

    private string Out => folder.Combine("out") + "/";

    private string OlderLibStdCxx => folder.Write("older/libstdc++.so.6", SyntheticElf.LibStdCxxUpTo(30).Build());

    private string NewerLibStdCxx => folder.Write("newer/libstdc++.so.6", SyntheticElf.LibStdCxxUpTo(33).Build());

    [Fact]
    public void Auto_patches_every_copy_in_the_output_where_libstdcxx_lacks_the_version()
    {
        var copies = new[] { OutputCopy("runtimes/linux-x64/native"), OutputCopy("cpu") };

        var result = Run(InOutput, $"-p:OutDir={Out}", $"-p:MtlSharingLibStdCxxPath={OlderLibStdCxx}");

        result.ExitCode.Should().Be(0, result.Describe());
        foreach (var copy in copies)
        {
            IsWeak(copy).Should().BeTrue(copy);
            result.Output.Should().Contain($"MtlSharing: marked the GLIBCXX_3.4.32 version need weak in {copy}");
        }
    }

    [Fact]
    public void A_second_build_changes_nothing()
    {
        var copy = OutputCopy("runtimes/linux-x64/native");
        Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=always").ExitCode.Should().Be(0);
        var once = File.ReadAllBytes(copy);

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=always", "-v:d");

        result.ExitCode.Should().Be(0, result.Describe());
        result.Output.Should().Contain($"{copy} is already patched").And.NotContain("marked the GLIBCXX_3.4.32 version need weak");
        File.ReadAllBytes(copy).Should().Equal(once);
    }

    [Fact]
    public void Auto_leaves_the_output_alone_where_libstdcxx_provides_the_version()
    {
        var copy = OutputCopy("runtimes/linux-x64/native");

        var result = Run(InOutput, $"-p:OutDir={Out}", $"-p:MtlSharingLibStdCxxPath={NewerLibStdCxx}", "-v:d");

        result.ExitCode.Should().Be(0, result.Describe());
        result.Output.Should().Contain("provides GLIBCXX_3.4.32");
        File.ReadAllBytes(copy).Should().Equal(original);
    }

    [Fact]
    public void Auto_follows_this_hosts_libstdcxx()
    {
        var copy = OutputCopy("runtimes/linux-x64/native");
        var hostLacks = !SystemLibStdCxx.Defines(SystemLibStdCxx.Find()!, "GLIBCXX_3.4.32");

        var result = Run(InOutput, $"-p:OutDir={Out}");

        result.ExitCode.Should().Be(0, result.Describe());
        IsWeak(copy).Should().Be(hostLacks);
    }

    [Fact]
    public void Always_patches_even_where_libstdcxx_provides_the_version()
    {
        var copy = OutputCopy("runtimes/linux-x64/native");

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=always", $"-p:MtlSharingLibStdCxxPath={NewerLibStdCxx}");

        result.ExitCode.Should().Be(0, result.Describe());
        IsWeak(copy).Should().BeTrue();
    }

    [Fact]
    public void Never_leaves_the_output_alone()
    {
        var copy = OutputCopy("runtimes/linux-x64/native");

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=never", $"-p:MtlSharingLibStdCxxPath={OlderLibStdCxx}");

        result.ExitCode.Should().Be(0, result.Describe());
        result.Output.Should().NotContain("MtlSharing:");
        File.ReadAllBytes(copy).Should().Equal(original);
    }

    [Fact]
    public void An_unknown_setting_is_an_error_naming_it_and_the_valid_ones()
    {
        OutputCopy("runtimes/linux-x64/native");

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=sometimes");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain("MtlSharingPatchLibTorchSharp is 'sometimes'; use auto, always or never");
    }

    [Fact]
    public void A_library_that_is_not_ELF64_is_a_clear_build_error_not_a_crash()
    {
        var path = folder.Write("out/runtimes/linux-x64/native/libLibTorchSharp.so", "not a library"u8.ToArray());

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=always");

        result.ExitCode.Should().NotBe(0);
        result.Output.Should().Contain($"error MTLS0001: MtlSharing could not patch TorchSharp's native library for older Linux: not an ELF64 little-endian shared object: {path} (")
            .And.Contain("MtlSharingPatchLibTorchSharp=never").And.NotContain("MSB4018");
    }

    [Fact]
    public void An_output_without_the_library_is_left_alone()
    {
        folder.Write("out/app.dll", [1, 2, 3]);

        var result = Run(InOutput, $"-p:OutDir={Out}", "-p:MtlSharingPatchLibTorchSharp=always", "-v:d");

        result.ExitCode.Should().Be(0, result.Describe());
        result.Output.Should().NotContain("MtlSharing:");
    }

    [Fact]
    public void The_publish_folder_is_patched_too()
    {
        var copy = folder.Write("publish/runtimes/linux-x64/native/libLibTorchSharp.so", original);

        var result = Run(InPublish, $"-p:PublishDir={folder.Combine("publish")}/", $"-p:MtlSharingLibStdCxxPath={OlderLibStdCxx}");

        result.ExitCode.Should().Be(0, result.Describe());
        IsWeak(copy).Should().BeTrue();
    }

    public void Dispose() => folder.Dispose();

    private static bool IsWeak(string path) =>
        (IndependentElf.VersionNeeds(File.ReadAllBytes(path)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags & 0x2) != 0;

    private string OutputCopy(string relativeFolder) => folder.Write($"out/{relativeFolder}/libLibTorchSharp.so", original);

    private Command.Result Run(string target, params string[] arguments) =>
        Command.Run(Command.Dotnet, ["msbuild", project, $"-t:{target}", "-nologo", "-nodeReuse:false", "-v:n", .. arguments], folder.Path);
}
