namespace MtlSharing.Torch.Tests.Memory;

/// <summary>Tests that measure the process's memory; xunit runs them alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process memory";
}
