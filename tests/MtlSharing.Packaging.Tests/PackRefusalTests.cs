namespace MtlSharing.Packaging.Tests;

/// <summary>
/// <c>./build.sh pack</c> refuses, with a message that says why, to pack from a state that would
/// give packages no commit matches, or packages that do not hold or declare what they must, and
/// leaves no package (and no staging folder) behind. Each test runs the repository's build.sh in a
/// scratch git repository that holds only what the refusal needs.
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
    public void A_failed_pack_leaves_no_package_and_no_staging_folder()
    {
        var result = Pack("--no-build");

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain($"pack refused: dotnet pack MtlSharing failed; no package was written to {Output}");
        NothingLeftBehind();
    }

    [Fact]
    public void A_library_that_depends_on_a_backend_package_is_refused_after_packing_and_nothing_is_left_behind()
    {
        // Five small libraries shaped like ours, except that Metrics also references TorchSharp-cpu, a backend.
        File.Copy(Path.Combine(Repository.Root, "Directory.Packages.props"), Path.Combine(Repo, "Directory.Packages.props"));
        File.WriteAllText(Path.Combine(Repo, "LICENSE"), "MIT\n");
        Library("MtlSharing", """<PackageReference Include="TorchSharp" />""");
        File.WriteAllText(Path.Combine(Repo, "src", "MtlSharing", "buildTransitive", "MtlSharing.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Repo, "src", "MtlSharing", "buildTransitive", "LibTorchSharpCompat.cs"), "// stands in for the build step\n");
        Library("MtlSharing.Backbones", """<ProjectReference Include="../MtlSharing/MtlSharing.csproj" /><PackageReference Include="TorchVision" />""");
        Library("MtlSharing.Training", """<ProjectReference Include="../MtlSharing/MtlSharing.csproj" /><PackageReference Include="TorchSharp.PyBridge" />""");
        Library("MtlSharing.Metrics", """<ProjectReference Include="../MtlSharing/MtlSharing.csproj" /><PackageReference Include="TorchSharp-cpu" />""");
        Library("MtlSharing.Distributed", """<ProjectReference Include="../MtlSharing.Training/MtlSharing.Training.csproj" /><PackageReference Include="Microsoft.Extensions.Logging.Abstractions" />""");
        Commit();

        var result = Pack();

        result.ExitCode.Should().Be(1, result.Describe());
        result.Error.Should().Contain(
            "pack refused: MtlSharing.Metrics.0.3.0.nupkg depends on TorchSharp-cpu; a library must reference TorchSharp and leave the backend to the application; " +
            $"no package was written to {Output}");
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

    private void Library(string id, string references)
    {
        var folder = Path.Combine(Repo, "src", id);
        Directory.CreateDirectory(Path.Combine(folder, "buildTransitive"));
        File.WriteAllText(Path.Combine(folder, "README.md"), $"# {id}\n");
        File.WriteAllText(Path.Combine(folder, "Library.cs"), $"namespace {id};\n\n/// <summary>Stands in for the library.</summary>\npublic static class Library\n{{\n}}\n");
        File.WriteAllText(Path.Combine(folder, $"{id}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <VersionPrefix>$([System.IO.File]::ReadAllText('$(MSBuildThisFileDirectory)../../VERSION').Trim())</VersionPrefix>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <PackageLicenseExpression>MIT</PackageLicenseExpression>
                <PackageReadmeFile>README.md</PackageReadmeFile>
                <Description>Stands in for {id}.</Description>
              </PropertyGroup>
              <ItemGroup>
                <Compile Remove="buildTransitive/**" />
                <None Include="buildTransitive/*" Pack="true" PackagePath="buildTransitive/" />
                <None Include="README.md" Pack="true" PackagePath="/" />
                <None Include="../../LICENSE" Pack="true" PackagePath="/" />
                {references}
              </ItemGroup>
            </Project>
            """);
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
