namespace MtlSharing.Training.Sampling;

/// <summary>
/// Uses one batch of every task at every step: the trainer combines the tasks' losses and takes one optimizer step.
/// <para>
/// <b>Epoch:</b> maxₜ nₜ steps, each listing every task in the enumeration order of <c>batchesPerTask</c>.
/// A task with fewer batches than the longest <b>cycles</b>: the trainer restarts its loader
/// when it is exhausted. The plan is the same for every epoch.
/// </para>
/// </summary>
public sealed class AllTasksSampler : ITaskSampler
{
    /// <inheritdoc/>
    public string Name => "all-tasks";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var tasks = PlanArguments.Check(epoch, batchesPerTask);
        IReadOnlyList<string> everyTask = tasks.Select(t => t.Task).ToArray();
        var steps = tasks.Max(t => t.Batches);
        var plan = new IReadOnlyList<string>[steps];
        Array.Fill(plan, everyTask);
        return plan;
    }
}
