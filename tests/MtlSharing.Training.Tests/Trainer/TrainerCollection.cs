namespace MtlSharing.Training.Tests.Trainer;

/// <summary>
/// Trainer tests seed and read libtorch's global random generator, so they run in one collection
/// that xunit never runs alongside other tests: another thread drawing random numbers mid-run
/// would change the dropout masks and break the determinism the tests check.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainerCollection
{
    public const string Name = "trainer (global RNG)";
}
