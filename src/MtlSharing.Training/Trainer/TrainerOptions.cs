using Microsoft.Extensions.Logging;
using MtlSharing.Routing;
using TorchSharp;

namespace MtlSharing.Training;

/// <summary>Settings of a <see cref="MultiTaskTrainer"/>. Every setting is checked when the trainer is made.</summary>
public sealed record TrainerOptions
{
    /// <summary>The number of epochs to train (counted from the start, so a resumed run finishes the same epochs); at least 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// Seeds libtorch's random generator when a fresh run starts (dropout and other random layers).
    /// Shuffling is seeded by the loaders' own <c>DataLoaderOptions.Seed</c>; model initialisation
    /// happens before the trainer exists, so seed it yourself with <c>torch.manual_seed</c>.
    /// </summary>
    public long Seed { get; init; }

    /// <summary>If set, gradients (of the model and of the weighting's parameters) are scaled so their total 2-norm is at most this; positive.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>If set, <c>last.pt</c> is written there after every epoch (and when training stops at <see cref="MaxSteps"/>), and <c>best.pt</c> whenever the kept metric improves. The directory is created if needed.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>If set, <c>last.pt</c> is also written every this many steps; needs <see cref="CheckpointDirectory"/>.</summary>
    public int? CheckpointEverySteps { get; init; }

    /// <summary>The name of the metric returned by <see cref="Evaluate"/> that decides the best epoch (e.g. "mean_accuracy"); needs <see cref="Evaluate"/>.</summary>
    public string? KeepBestBy { get; init; }

    /// <summary>Whether a larger value of <see cref="KeepBestBy"/> is better (accuracy) or a smaller one (loss).</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>If set, training stops after this many epochs in a row without improvement of <see cref="KeepBestBy"/>; at least 1, and needs <see cref="KeepBestBy"/>.</summary>
    public int? Patience { get; init; }

    /// <summary>
    /// If set, the forward pass, the losses and the evaluation run inside <c>torch.autocast</c> with
    /// this type (mixed precision), while the backward pass and the optimizer step run outside it, as
    /// PyTorch recommends. Parameters and optimizer state stay float32, and cross-entropy is computed
    /// in float32. Only <see cref="torch.ScalarType.BFloat16"/> is supported (libtorch's CPU autocast);
    /// it pays off on CPUs where <c>torch.cpu_supports_fast_bf16()</c> is true. Null trains in float32.
    /// </summary>
    public torch.ScalarType? Autocast { get; init; }

    /// <summary>What to do when a loss is NaN or infinite.</summary>
    public NonFiniteLossPolicy NonFiniteLoss { get; init; } = NonFiniteLossPolicy.Throw;

    /// <summary>If set, training stops once this many steps (counted from the start of training) are done, and writes <c>last.pt</c> there; at least 1.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>
    /// Evaluates the model after each epoch and returns named metrics (e.g. "mean_accuracy"). The
    /// trainer calls it with the model in eval mode, gradients off and under <see cref="Autocast"/> if
    /// set, and puts the model back in training mode afterwards. The second argument is the epoch.
    /// </summary>
    public Func<MultiTaskModel, int, IReadOnlyDictionary<string, double>>? Evaluate { get; init; }

    /// <summary>Makes the learning-rate scheduler from the trainer's optimizer; it steps once per epoch.</summary>
    public Func<torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler>? SchedulerFactory { get; init; }

    /// <summary>
    /// When this trainer is one of several processes training one model (MtlSharing.Distributed's
    /// <c>DistributedTraining</c>): every process runs the same trainer on its own data; gradients are
    /// combined across processes after each backward pass; only the leader logs, reports progress and
    /// writes checkpoints, and every process resumes from them. Null trains in this process alone.
    /// </summary>
    public IDistributedTraining? Distributed { get; init; }

    /// <summary>Receives epoch summaries (information), skipped batches (warning) and checkpoint writes (debug).</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Receives a <see cref="TrainingProgress"/> event per step and per epoch milestone, on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    internal void Validate()
    {
        Require(Epochs >= 1, $"Epochs must be at least 1; got {Epochs}");
        Require(GradientClipNorm is not { } clip || (clip > 0 && double.IsFinite(clip)), $"GradientClipNorm must be a positive finite number or null; got {GradientClipNorm}");
        Require(CheckpointEverySteps is null or >= 1, $"CheckpointEverySteps must be at least 1 or null; got {CheckpointEverySteps}");
        Require(CheckpointEverySteps is null || CheckpointDirectory is not null, "CheckpointEverySteps needs a CheckpointDirectory to write to");
        Require(CheckpointDirectory is null || !string.IsNullOrWhiteSpace(CheckpointDirectory), "CheckpointDirectory is empty; give a directory or null");
        Require(KeepBestBy is null || !string.IsNullOrWhiteSpace(KeepBestBy), "KeepBestBy is empty; give a metric name or null");
        Require(KeepBestBy is null || Evaluate is not null, $"KeepBestBy '{KeepBestBy}' needs an Evaluate function that returns that metric");
        Require(Patience is null or >= 1, $"Patience must be at least 1 or null; got {Patience}");
        Require(Patience is null || KeepBestBy is not null, "Patience needs KeepBestBy: early stopping watches that metric");
        Require(MaxSteps is null or >= 1, $"MaxSteps must be at least 1 or null; got {MaxSteps}");
        Require(Autocast is null or torch.ScalarType.BFloat16, $"Autocast supports only ScalarType.BFloat16 (libtorch's CPU autocast); got {Autocast}. Leave it null to train in float32");
        Require(Enum.IsDefined(NonFiniteLoss), $"NonFiniteLoss {NonFiniteLoss} is not a defined policy");
        Require(Distributed?.LocalTasks is null || GradientClipNorm is null, "GradientClipNorm is not supported when processes train different tasks (each would clip by the norm of its own tasks' gradients); leave it null, or train every task on every process");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid TrainerOptions: {message}", "options");
        }
    }
}
