namespace MtlSharing.Packaging.Tests;

/// <summary>
/// Made once for all the tests that use packages: the packages of this build, made by
/// <c>./build.sh pack --no-build</c> into a temporary folder that then serves as a local feed; and, each
/// made when a test first asks for it, the consumer projects built from that feed. All of it is
/// deleted at the end.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private readonly TemporaryFolder folder = new("packaging");
    private readonly Lazy<NuGetSetup> nuget;
    private readonly Lazy<(ConsumerProject Project, Command.Result Build)> consumer;
    private readonly Lazy<(ConsumerProject Project, Command.Result Build)> unpatchedConsumer;

    public PackedFeed()
    {
        Directory.CreateDirectory(Folder);
        Pack = Command.Run("bash", ["build.sh", "pack", "--no-build", "--configuration", Repository.Configuration, "--output", Folder], Repository.Root);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("./build.sh pack failed\n" + Pack.Describe());
        }

        nuget = new(() => new NuGetSetup(Folder, folder.Combine("packages")));
        consumer = new(() => BuildConsumer("consumer"));
        unpatchedConsumer = new(() => BuildConsumer("unpatched", new Dictionary<string, string> { ["MtlSharingPatchLibTorchSharp"] = "never" }));
    }

    /// <summary>The folder holding the packages: the local feed.</summary>
    public string Folder => folder.Combine("feed");

    /// <summary>What <c>./build.sh pack</c> printed.</summary>
    internal Command.Result Pack { get; }

    /// <summary>Where the consumer projects take their packages from.</summary>
    internal NuGetSetup NuGet => nuget.Value;

    /// <summary>The consumer project with the MtlSharing package's build step as it comes (the default, auto).</summary>
    internal ConsumerProject Consumer => consumer.Value.Project;

    /// <summary>What building <see cref="Consumer"/> printed.</summary>
    internal Command.Result ConsumerBuild => consumer.Value.Build;

    /// <summary>The same consumer project, with the build step turned off in its project file.</summary>
    internal ConsumerProject UnpatchedConsumer => unpatchedConsumer.Value.Project;

    /// <summary>What building <see cref="UnpatchedConsumer"/> printed.</summary>
    internal Command.Result UnpatchedConsumerBuild => unpatchedConsumer.Value.Build;

    /// <summary>The path of one package of this version.</summary>
    /// <param name="id">The package id.</param>
    /// <returns>The .nupkg path.</returns>
    public string PackagePath(string id) => Path.Combine(Folder, $"{id}.{Repository.Version}.nupkg");

    /// <summary>A fresh folder inside this fixture's folder.</summary>
    internal string NewFolder(string name) => folder.Combine($"{name}-{Guid.NewGuid():N}");

    public void Dispose() => folder.Dispose();

    private (ConsumerProject, Command.Result) BuildConsumer(string name, IReadOnlyDictionary<string, string>? properties = null)
    {
        var project = new ConsumerProject(folder.Combine(name), NuGet, properties);
        return (project, project.Build());
    }
}

/// <summary>The tests that share one packing run and its consumer builds.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
