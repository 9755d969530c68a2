namespace MtlSharing.Compare;

/// <summary>What one measurement does; the names are those of the command line and the JSON lines.</summary>
internal sealed record BenchMode(string Name, bool Training, bool ConcatenatesTasks, bool Bf16 = false)
{
    /// <summary>Parameter count, forward multiply-adds per image and the block list, no timing.</summary>
    public static readonly BenchMode Params = new("params", false, false);

    /// <summary>FP32 training, each task's batch through the model in turn, losses summed, one SGD step.</summary>
    public static readonly BenchMode Loop = new("loop", true, false);

    /// <summary>FP32 training through the dict-of-batches forward with shared layers run once on the concatenation.</summary>
    public static readonly BenchMode Batched = new("batched", true, true);

    /// <summary><see cref="Loop"/> with the forward pass and the loss under bfloat16 autocast.</summary>
    public static readonly BenchMode Bf16Loop = new("bf16-loop", true, false, Bf16: true);

    /// <summary><see cref="Batched"/> with the forward pass and the loss under bfloat16 autocast.</summary>
    public static readonly BenchMode Bf16Batched = new("bf16-batched", true, true, Bf16: true);

    /// <summary>Evaluation without gradients: every task on one shared input against one single-task network.</summary>
    public static readonly BenchMode Inference = new("inference", false, false);

    /// <summary>The machine's FP32 peaks: SGEMM at 2048×2048 and a large 1×1 convolution.</summary>
    public static readonly BenchMode Peak = new("peak", false, false);

    /// <summary>bfloat16 autocast needs this many warm-up steps before its timing settles.</summary>
    public const int Bf16MinWarmup = 3;

    public static IReadOnlyList<BenchMode> All { get; } = [Params, Loop, Batched, Bf16Loop, Bf16Batched, Inference, Peak];

    public static BenchMode Parse(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new UsageException($"unknown mode '{name}'; valid modes are {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The warm-up steps to run: as asked, but at least <see cref="Bf16MinWarmup"/> under bfloat16.</summary>
    public int WarmupSteps(int asked) => Bf16 ? Math.Max(asked, Bf16MinWarmup) : asked;
}
