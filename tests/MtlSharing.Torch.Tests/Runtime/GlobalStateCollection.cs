namespace MtlSharing.Torch.Tests.Runtime;

/// <summary>
/// Tests that change or depend on process-wide libtorch state (the default random generator,
/// the intra-op thread count) run alone, so no other test draws numbers or changes threads meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "libtorch global state";
}
