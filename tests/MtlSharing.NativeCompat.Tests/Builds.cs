namespace MtlSharing.NativeCompat.Tests;

/// <summary>The tests that run MSBuild or a fresh program: one at a time, as each keeps both cores busy.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Builds
{
    public const string Name = "builds";
}
