namespace MtlSharing.Packaging.Tests;

/// <summary>
/// <c>./build.sh pack</c> refuses, with a message that says why, to pack from a state that would
/// give packages no commit matches, or packages without the native shim, and leaves no package
/// (and no staging folder) behind. Each test runs the repository's build.sh in a scratch git
/// repository that holds only what the refusal needs.
/// </summary>
public sealed class PackRefusalTests : IDisposable
{
    private readonly TemporaryFolder scratch = new("pack-refusal");

    public PackRefusalTests()
    {
        Directory.CreateDirectory(Repo);
        Directory.CreateDirectory(Staging);
        File.Copy(Path.Combine(Repository.Root, "build.sh"), Path.Combine(Repo, "build.sh"));
        File.WriteAllText(Path.Combine(Repo, "VERSION"), "0.3.0\n");
        Git("init", "--quiet");
        Commit();
    }

    private string Repo => scratch.Combine("repo");

    private string Output => scratch.Combine("packages");

    private string Staging => scratch.Combine("tmp");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void An_uncommitted_version_change_is_refused()
    {
        File.WriteAllText(Path.Combine(Repo, "VERSION"), "0.4.0\n");
        CreateShim();

        var result = Pack("--no-build");

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain("pack refused: VERSION has uncommitted changes (committed: 0.3.0, working tree: 0.4.0); commit or revert them first");
        NothingLeftBehind();
    }

    [Fact]
    public void A_version_that_is_not_a_version_is_refused()
    {
        File.WriteAllText(Path.Combine(Repo, "VERSION"), "next\n");
        Commit();

        var result = Pack("--no-build");

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain("pack refused: VERSION holds 'next'; expected a version such as 0.1.0");
        NothingLeftBehind();
    }

    [Fact]
    public void Packing_without_the_native_shim_is_refused()
    {
        var result = Pack("--no-build");

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain("pack refused: the native shim src/MtlSharing.Torch/obj/native/libmtlshim.so has not been built");
        NothingLeftBehind();
    }

    [Fact]
    public void A_failed_pack_leaves_no_package_and_no_staging_folder()
    {
        CreateShim();

        var result = Pack("--no-build");

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain($"pack refused: dotnet pack MtlSharing.Torch failed; no package was written to {Output}");
        NothingLeftBehind();
    }

    [Theory]
    [InlineData("--frobnicate", "unknown option '--frobnicate'; usage: ./build.sh pack [--no-build] [--configuration C] [--output DIR]")]
    [InlineData("--output", "--output needs a directory")]
    [InlineData("--configuration", "--configuration needs a value (Release or Debug)")]
    public void Bad_options_are_refused_with_the_usage(string option, string message)
    {
        var result = Command.Run("bash", ["build.sh", "pack", option], Repo, Environment());

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain("pack refused: " + message);
        Directory.Exists(Output).Should().BeFalse();
    }

    private Command.Result Pack(params string[] options) =>
        Command.Run("bash", ["build.sh", "pack", .. options, "--output", Output], Repo, Environment());

    private Dictionary<string, string> Environment() => new() { ["TMPDIR"] = Staging };

    private void CreateShim()
    {
        var folder = Path.Combine(Repo, "src", "MtlSharing.Torch", "obj", "native");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "libmtlshim.so"), "stands in for the shim");
    }

    private void NothingLeftBehind()
    {
        (Directory.Exists(Output) ? Directory.GetFileSystemEntries(Output) : []).Should().BeEmpty();
        Directory.GetFileSystemEntries(Staging, "mtlsharing-pack.*").Should().BeEmpty("the staging folder is removed");
    }

    private void Commit()
    {
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "-m", "state under test");
    }

    private void Git(params string[] arguments)
    {
        var result = Command.Run("git", arguments, Repo);
        result.ExitCode.Should().Be(0, result.Describe());
    }
}
