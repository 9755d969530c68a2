namespace MtlSharing.Compare;

/// <summary>Which .NET model this process measures; compare.sh runs both, and PyTorch, in one invocation; overhead.sh runs both paired in one process.</summary>
internal sealed record Side(string Name, string Framework, IReadOnlyList<BenchMode> Modes)
{
    /// <summary>The multi-task model MtlSharing builds from a SharingPlan preset: every mode.</summary>
    public static readonly Side MtlSharing = new("mtlsharing", "mtlsharing", BenchMode.All);

    /// <summary>
    /// The multi-task network a .NET user writes by hand in TorchSharp without MtlSharing
    /// (<see cref="HandWrittenResNet"/>): the per-task loop in FP32 and bf16, and its parameter count.
    /// </summary>
    public static readonly Side HandWritten = new("hand-written", "handwritten", [BenchMode.Params, BenchMode.Loop, BenchMode.Bf16Loop]);

    /// <summary>
    /// Both models in one process, single training steps alternating in ABBA order
    /// (<see cref="PairedBenchmark"/>): the per-task loop in FP32 and bf16.
    /// </summary>
    public static readonly Side Paired = new("paired", "paired", [BenchMode.Loop, BenchMode.Bf16Loop]);

    public static IReadOnlyList<Side> All { get; } = [MtlSharing, HandWritten, Paired];

    public static Side Parse(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new UsageException($"--side must be {string.Join(", ", All.SkipLast(1).Select(s => s.Name))} or {All[^1].Name}; got '{name}'");

    /// <summary>Throws unless this side runs a mode.</summary>
    public void Check(BenchMode mode)
    {
        if (!Modes.Contains(mode))
        {
            throw new UsageException($"the {Name} side runs the modes {string.Join(", ", Modes.Select(m => m.Name))}; got '{mode.Name}'");
        }
    }
}
