using Microsoft.Extensions.Logging;

namespace MtlSharing.Plans;

/// <summary>Options of a <see cref="SharingPlan"/>.</summary>
public sealed record SharingPlanOptions
{
    /// <summary>How task and group copies start. Default: from the backbone's weights.</summary>
    public CopyInitialisation CopyInitialisation { get; init; } = CopyInitialisation.FromBackbone;

    /// <summary>
    /// Give every BatchNorm inside shared layers one copy per task (its scale, shift and running
    /// statistics), since domains differ in their statistics. Default: off.
    /// </summary>
    public bool PerTaskBatchNorm { get; init; }

    /// <summary>
    /// When a dictionary of task batches is run in one call, run shared layers once on the
    /// concatenation. Faster, but a shared BatchNorm in training mode then normalises with the
    /// statistics of all tasks' samples together (and updates its running statistics with them),
    /// so results differ from separate per-task calls. In eval mode the results are the same.
    /// A layout that shares no layer (Independent) always runs task by task. Whether one call on the
    /// concatenation is faster than T calls depends on the per-task batch and the machine: see
    /// docs/routing.md. Default: on.
    /// </summary>
    public bool ConcatenateTaskBatches { get; init; } = true;

    /// <summary>Receives a one-screen summary of the plan when it is applied. Default: none.</summary>
    public ILogger? Logger { get; init; }
}
