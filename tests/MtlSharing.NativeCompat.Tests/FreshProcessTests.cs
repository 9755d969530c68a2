namespace MtlSharing.NativeCompat.Tests;

/// <summary>
/// What a user sees: a clean build of a fresh console project that uses TorchSharp and imports the targets
/// (as the MtlSharing package's buildTransitive folder does), then the program run in its own process.
/// </summary>
[Collection(Builds.Name)]
public sealed class FreshProcessTests : IDisposable
{
    private readonly TemporaryFolder folder = new("fresh");

    [Fact]
    public void A_clean_build_runs_TorchSharp_in_a_fresh_process()
    {
        File.WriteAllText(folder.Combine("App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TorchSharp-cpu" Version="{TestFiles.TorchSharpCpuVersion}" />
              </ItemGroup>
              <Import Project="{TestFiles.TargetsFile}" />
            </Project>
            """);
        File.WriteAllText(folder.Combine("Program.cs"), """System.Console.WriteLine("torch " + TorchSharp.torch.__version__);""");
        var hostLacks = !SystemLibStdCxx.Defines(SystemLibStdCxx.Find()!, "GLIBCXX_3.4.32");

        var build = Command.Run(Command.Dotnet, ["build", "-c", "Release", "-nologo", "-v:n", "--disable-build-servers", "-nodeReuse:false"], folder.Path);

        build.ExitCode.Should().Be(0, build.Describe());
        var output = folder.Combine("bin", "Release", "net10.0");
        var library = Path.Combine(output, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var flags = IndependentElf.VersionNeeds(File.ReadAllBytes(library)).Single(n => n.Version == "GLIBCXX_3.4.32").Flags;
        ((flags & 0x2) != 0).Should().Be(hostLacks, build.Describe());
        build.Output.Contains($"marked the GLIBCXX_3.4.32 version need weak in {library}", StringComparison.Ordinal).Should().Be(hostLacks, build.Describe());

        var run = Command.Run(Command.Dotnet, [Path.Combine(output, "App.dll")], folder.Path);

        run.ExitCode.Should().Be(0, run.Describe());
        run.Output.Should().MatchRegex(@"^torch \d+\.\d+");
        Directory.Exists(Path.Combine(output, "cpu")).Should().BeFalse("TorchSharp loaded the library in the output on its first try, without its fallback copy from the NuGet cache");
    }

    public void Dispose() => folder.Dispose();
}
