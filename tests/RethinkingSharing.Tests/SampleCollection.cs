namespace RethinkingSharing.Tests;

/// <summary>The tests that start the sample as a child process: run one at a time, to keep a busy machine usable.</summary>
[CollectionDefinition(Name)]
public sealed class SampleCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "sample process";
}
