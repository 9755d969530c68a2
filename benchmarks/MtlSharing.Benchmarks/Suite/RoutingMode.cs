namespace MtlSharing.Benchmarks.Suite;

/// <summary>How the benchmark hands the tasks' batches to the multi-task model.</summary>
public enum RoutingMode
{
    /// <summary>One <c>forward(batch, task)</c> call per task.</summary>
    PerTaskLoop,

    /// <summary>
    /// One <c>forward(dictionary of task batches)</c> call: the batches are concatenated, shared
    /// layers run once, and the samples split only at task-specific layers.
    /// </summary>
    Dictionary,

    /// <summary>
    /// One <c>forward(batch, taskIndex)</c> call on a batch whose samples interleave the tasks
    /// (sample i belongs to task i mod T); outputs are put back in batch order.
    /// </summary>
    MixedBatch,
}
