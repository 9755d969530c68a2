namespace MtlSharing.Torch.Tests.NN;

/// <summary>Tests that reseed the global generator and compare exact draws run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededTests
{
    /// <summary>The collection name.</summary>
    public const string Name = "Seeded generator";
}
