namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// The entries of a trainer checkpoint. Each component's own state dict sits under a prefix;
/// the trainer's position and counters are 0-dim tensors under <c>trainer.</c>.
/// </summary>
internal static class CheckpointKeys
{
    public const long FormatVersion = 2;

    public const string Model = "model.";
    public const string Optimizer = "optimizer.";
    public const string Scheduler = "scheduler.";
    public const string Weighting = "weighting.";

    public const string Format = "trainer.format";
    public const string SamplerName = "trainer.sampler";
    public const string Plan = "trainer.plan";
    public const string WeightingName = "trainer.weighting";
    public const string Epoch = "trainer.epoch";
    public const string StepInEpoch = "trainer.step_in_epoch";
    public const string GlobalStep = "trainer.global_step";
    public const string SkippedBatches = "trainer.skipped_batches";
    public const string BestMetric = "trainer.best_metric";
    public const string BestEpoch = "trainer.best_epoch";
    public const string EpochsWithoutImprovement = "trainer.epochs_without_improvement";
    public const string LossSum = "trainer.loss_sum.";
    public const string LossCount = "trainer.loss_count.";
    public const string TorchRng = "rng.torch";

    /// <summary>The entries under a prefix, with the prefix removed.</summary>
    /// <param name="all">The whole checkpoint.</param>
    /// <param name="prefix">The prefix, ending in a dot.</param>
    /// <returns>The section.</returns>
    public static Dictionary<string, TorchSharp.torch.Tensor> Section(IReadOnlyDictionary<string, TorchSharp.torch.Tensor> all, string prefix) =>
        all.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key[prefix.Length..], e => e.Value, StringComparer.Ordinal);
}
