namespace MtlSharing.Compare;

/// <summary>What one measurement does; the names are those of the command line and the JSON lines.</summary>
internal sealed record BenchMode(string Name, bool Training, bool ConcatenatesTasks)
{
    /// <summary>Parameter count and forward multiply-adds per image, no timing.</summary>
    public static readonly BenchMode Params = new("params", false, false);

    /// <summary>FP32 training, each task's batch through the model in turn, losses summed, one SGD step.</summary>
    public static readonly BenchMode Loop = new("loop", true, false);

    /// <summary>FP32 training through the dict-of-batches forward with shared layers run once on the concatenation.</summary>
    public static readonly BenchMode Batched = new("batched", true, true);

    /// <summary>The machine's FP32 peaks: SGEMM at 2048×2048 and a large 1×1 convolution.</summary>
    public static readonly BenchMode Peak = new("peak", false, false);

    public static IReadOnlyList<BenchMode> All { get; } = [Params, Loop, Batched, Peak];

    public static BenchMode Parse(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new UsageException($"unknown mode '{name}'; valid modes are {string.Join(", ", All.Select(m => m.Name))}");
}
