namespace MtlSharing.Training.Sampling;

/// <summary>
/// Decides, for one epoch, which tasks' batches each optimizer step uses. A plan is deterministic in
/// (the sampler's seed, epoch), so a sampler's position in training is just (epoch, step index).
/// </summary>
public interface ITaskSampler
{
    /// <summary>A short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>Plans one epoch.</summary>
    /// <param name="epoch">The epoch number (0 for the first).</param>
    /// <param name="batchesPerTask">How many batches each task's loader yields per epoch (each at least 1).</param>
    /// <returns>
    /// One entry per optimizer step: the tasks whose next batch that step consumes (one task for round-robin,
    /// proportional and temperature sampling; every task for all-tasks-per-step). A task never appears more often
    /// in an epoch than its loader can supply, unless the sampler's documented epoch definition says it cycles
    /// (then the trainer restarts that task's loader).
    /// </returns>
    IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask);
}
