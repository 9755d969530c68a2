namespace MtlSharing.Packaging.Tests;

/// <summary>
/// The packages of this build, made once by <c>./build.sh pack --no-build</c> into a temporary
/// folder that then serves as a local feed, and the consumer project built from them, made once
/// when a test first asks for it.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private readonly TemporaryFolder folder = new("feed");
    private readonly Lazy<(ConsumerProject Project, Command.Result Build)> consumer;

    public PackedFeed()
    {
        consumer = new(() =>
        {
            var project = new ConsumerProject(Folder);
            return (project, project.Build());
        });
        Pack = Command.Run("bash", ["build.sh", "pack", "--no-build", "--configuration", Repository.Configuration, "--output", folder.Path], Repository.Root);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("./build.sh pack failed\n" + Pack.Describe());
        }
    }

    /// <summary>The folder holding the packages.</summary>
    public string Folder => folder.Path;

    /// <summary>What <c>./build.sh pack</c> printed.</summary>
    internal Command.Result Pack { get; }

    /// <summary>The path of one package of this version.</summary>
    /// <param name="id">The package id.</param>
    /// <returns>The .nupkg path.</returns>
    public string PackagePath(string id) => Path.Combine(Folder, $"{id}.{Repository.Version}.nupkg");

    /// <summary>The consumer project, restored from this feed and built.</summary>
    internal ConsumerProject Consumer => consumer.Value.Project;

    /// <summary>What building the consumer project printed.</summary>
    internal Command.Result ConsumerBuild => consumer.Value.Build;

    public void Dispose()
    {
        if (consumer.IsValueCreated)
        {
            consumer.Value.Project.Dispose();
        }

        folder.Dispose();
    }
}

/// <summary>The tests that share one packing run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
