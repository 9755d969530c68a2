using System.Security;

namespace MtlSharing.Packaging.Tests;

/// <summary>
/// A console project a stranger would write, in a temporary folder outside the solution: it
/// references the leaf packages by version, takes MtlSharing packages only from the local feed
/// (the rest from this machine's usual sources) and restores into a private packages folder.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private readonly TemporaryFolder folder = new("consumer");

    public ConsumerProject(string feed)
    {
        Directory.CreateDirectory(ProjectFolder);
        File.WriteAllText(Path.Combine(ProjectFolder, "Consumer.csproj"), ProjectFile());
        File.WriteAllText(Path.Combine(ProjectFolder, "Program.cs"), ProgramSource);
        File.WriteAllText(Path.Combine(ProjectFolder, "nuget.config"), NuGetConfig(feed));
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = PackagesFolder,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
    }

    public string ProjectFolder => folder.Combine("Consumer");

    public string PackagesFolder => folder.Combine("packages");

    public string OutputFolder => Path.Combine(ProjectFolder, "bin", "Release", "net10.0");

    public IReadOnlyDictionary<string, string> Environment { get; }

    public Command.Result Build() =>
        Command.Run("dotnet", ["build", "-c", "Release", "-nologo", "-clp:ErrorsOnly"], ProjectFolder, Environment);

    /// <summary>Runs the built program from a copy of its output folder, if given, or from the output folder itself.</summary>
    public Command.Result Run(string? outputFolder = null) =>
        Command.Run("dotnet", [Path.Combine(outputFolder ?? OutputFolder, "Consumer.dll")], ProjectFolder, Environment);

    public string CopyOutput(string name)
    {
        var copy = folder.Combine(name);
        foreach (var file in Directory.GetFiles(OutputFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(OutputFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public void Dispose() => folder.Dispose();

    private static string ProjectFile() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="MtlSharing.Backbones" Version="{Repository.Version}" />
            <PackageReference Include="MtlSharing.Training" Version="{Repository.Version}" />
            <PackageReference Include="MtlSharing.Metrics" Version="{Repository.Version}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// The local feed for MtlSharing packages only; for everything else this machine's global
    /// packages folder (already filled by the solution's restore) and its enabled sources.
    /// </summary>
    private static string NuGetConfig(string feed)
    {
        var others = new List<string> { LocalPackagesFolder() };
        others.AddRange(EnabledSources());
        var sources = string.Join("\n", others.Select((s, i) => $"""    <add key="other{i}" value="{SecurityElement.Escape(s)}" />"""));
        var mappings = string.Join("\n", others.Select((_, i) => $"""    <packageSource key="other{i}"><package pattern="*" /></packageSource>"""));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(feed)}" />
            {sources}
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="MtlSharing" />
                  <package pattern="MtlSharing.*" />
                </packageSource>
            {mappings}
              </packageSourceMapping>
            </configuration>
            """;
    }

    private static string LocalPackagesFolder()
    {
        var result = Command.Run("dotnet", ["nuget", "locals", "global-packages", "--list"], Path.GetTempPath());
        return result.Output.Trim().Split(": ", 2)[1];
    }

    private static IEnumerable<string> EnabledSources()
    {
        var result = Command.Run("dotnet", ["nuget", "list", "source", "--format", "short"], Path.GetTempPath());
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal))
            .Select(line => line[2..].Trim());
    }

    private const string ProgramSource = """
        using MtlSharing.Backbones;
        using MtlSharing.Metrics;
        using MtlSharing.Plans;
        using MtlSharing.Torch;
        using MtlSharing.Training;
        using MtlSharing.Training.Data;
        using MtlSharing.Training.Sampling;
        using MtlSharing.Training.Weighting;
        using static MtlSharing.Torch.torch;

        manual_seed(1);
        var classes = new Dictionary<string, int> { ["digits"] = 3, ["letters"] = 5, ["shapes"] = 2 };
        var plan = SharingPlan.For(classes.Keys, task => nn.Linear(8, classes[task])).PerTask("conv");
        using var model = plan.Apply(new TinyBackbone());

        var datasets = classes.ToDictionary(c => c.Key, c => (ITaskDataset)new TensorDataset(randn([8, 1, 6, 6]), randint(0, c.Value, [8])));
        var data = TrainingData.PerTask(datasets, new DataLoaderOptions { BatchSize = 4, Seed = 1 });
        using (var trainer = new MultiTaskTrainer(model, data, new RoundRobinSampler(), new EqualWeighting(), p => optim.SGD(p, 0.1), new TrainerOptions { MaxSteps = 2 }))
        {
            var result = trainer.Train();
            Console.WriteLine($"steps: {result.GlobalStep}");
        }

        var accuracy = new Accuracy();
        using (var scope = NewDisposeScope())
        {
            var (inputs, labels) = datasets["letters"].Get([0, 1, 2, 3, 4, 5, 6, 7]);
            model.eval();
            accuracy.Update(model.forward(inputs, "letters"), labels);
        }

        Console.WriteLine($"letters samples counted: {accuracy.Count}");
        Console.Write(model.Report().ToText());
        using var mlp = Backbone.Mlp(new MlpOptions { InputFeatures = 4, Hidden = [3], Classes = 2 });
        Console.WriteLine($"mlp parameters: {mlp.parameters().Sum(p => p.numel())}");

        /// <summary>The consumer's own backbone: a 3×3 convolution 1 → 4 on 6×6 images, ReLU, then Linear(64, 8).</summary>
        internal sealed class TinyBackbone : nn.Module<Tensor, Tensor>
        {
            private readonly nn.Module<Tensor, Tensor> conv = nn.Conv2d(1, 4, 3);
            private readonly nn.Module<Tensor, Tensor> fc = nn.Linear(64, 8);

            public TinyBackbone()
                : base(nameof(TinyBackbone))
            {
                RegisterComponents();
            }

            public override Tensor forward(Tensor input) => fc.call(nn.functional.relu(conv.call(input)).flatten(1));
        }
        """;
}
