namespace MtlSharing.Packaging.Tests;

/// <summary>
/// A console project a stranger would write, in a folder outside the repository: it references the
/// MtlSharing packages by version and TorchSharp-cpu as its backend, takes its packages as
/// <see cref="NuGetSetup"/> says, and imports nothing from the repository.
/// </summary>
internal sealed class ConsumerProject
{
    private readonly NuGetSetup nuget;

    /// <param name="folder">The project folder (created).</param>
    /// <param name="nuget">Where packages come from.</param>
    /// <param name="properties">Extra MSBuild properties, as a consumer would write them in the project file.</param>
    /// <param name="packages">The MtlSharing packages referenced (default: all of them).</param>
    public ConsumerProject(string folder, NuGetSetup nuget, IReadOnlyDictionary<string, string>? properties = null, IEnumerable<string>? packages = null)
    {
        ProjectFolder = folder;
        this.nuget = nuget;
        Directory.CreateDirectory(ProjectFolder);
        File.WriteAllText(Path.Combine(ProjectFolder, "Consumer.csproj"), ProjectFile(properties ?? new Dictionary<string, string>(), packages ?? Repository.Packages));
        File.WriteAllText(Path.Combine(ProjectFolder, "Program.cs"), ConsumerProgram.Source);
        File.WriteAllText(Path.Combine(ProjectFolder, "nuget.config"), nuget.Config());
    }

    public string ProjectFolder { get; }

    public string OutputFolder => Path.Combine(ProjectFolder, "bin", "Release", "net10.0");

    /// <summary>TorchSharp's native library in the build output.</summary>
    public string OutputLibTorchSharp => Path.Combine(OutputFolder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>NuGet's generated imports: what the restore made this project import from its packages.</summary>
    public string RestoredImports => File.ReadAllText(Path.Combine(ProjectFolder, "obj", "Consumer.csproj.nuget.g.targets"));

    public Command.Result Restore() =>
        Command.Run("dotnet", ["restore", "-nologo", "--disable-build-servers"], ProjectFolder, nuget.Environment);

    public Command.Result Build() =>
        Command.Run("dotnet", ["build", "-c", "Release", "-nologo", "-v:n", "--disable-build-servers", "-nodeReuse:false"], ProjectFolder, nuget.Environment);

    /// <summary>The project as MSBuild evaluates it, every import inlined (<c>dotnet msbuild -pp</c>).</summary>
    public Command.Result Preprocess(string file) =>
        Command.Run("dotnet", ["msbuild", "-nologo", $"-pp:{file}", "-p:Configuration=Release"], ProjectFolder, nuget.Environment);

    public Command.Result Run() =>
        Command.Run("dotnet", [Path.Combine(OutputFolder, "Consumer.dll")], ProjectFolder, nuget.Environment);

    private static string ProjectFile(IReadOnlyDictionary<string, string> properties, IEnumerable<string> packages)
    {
        var extra = string.Concat(properties.Select(p => $"\n    <{p.Key}>{p.Value}</{p.Key}>"));
        var references = string.Concat(packages.Select(id => "\n    " + $"""<PackageReference Include="{id}" Version="{Repository.Version}" />"""));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>{extra}
              </PropertyGroup>
              <ItemGroup>{references}
                <PackageReference Include="TorchSharp-cpu" Version="{Repository.CentralVersion("TorchSharp-cpu")}" />
              </ItemGroup>
            </Project>
            """;
    }
}
