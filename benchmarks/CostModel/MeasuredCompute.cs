namespace MtlSharing.CostModel;

/// <summary>
/// The compute time of one training step on this machine, taken from the repository's recorded
/// benchmark results rather than measured here.
/// </summary>
internal static class MeasuredCompute
{
    /// <summary>
    /// MtlSharing's FP32 training throughput of the 4-task ResNet-18 (small-image stem, 3×32×32,
    /// batch 32 per task, 2 threads, channels last), images/s: the median of the four layouts'
    /// rows in benchmarks/results/2026-12-03-overhead-paired.md (shared 89.3, bottom:3 98.6,
    /// top:3 97.0, independent 85.1). A training step runs every task's batch through a whole
    /// ResNet-18 whatever the layout shares, so one figure stands for every layout.
    /// </summary>
    public const double ImagesPerSecond = (89.3 + 97.0) / 2;

    /// <summary>The images of one task's batch in that measurement.</summary>
    public const int BatchPerTask = 32;

    /// <summary>The tasks of one step in that measurement.</summary>
    public const int TasksPerStep = 4;

    /// <summary>Seconds of compute for one task's batch: forward, backward and SGD step.</summary>
    public static double SecondsPerTaskBatch => BatchPerTask / ImagesPerSecond;

    /// <summary>Seconds of compute for one rank's step, scaled by the tasks the rank trains.</summary>
    /// <param name="tasksTrained">The tasks the rank trains in one step, each on a batch of <see cref="BatchPerTask"/>.</param>
    /// <returns>The seconds.</returns>
    public static double StepSeconds(int tasksTrained) => tasksTrained * SecondsPerTaskBatch;
}
