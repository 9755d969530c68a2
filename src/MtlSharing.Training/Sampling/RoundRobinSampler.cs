namespace MtlSharing.Training.Sampling;

/// <summary>
/// Takes the tasks in turn, one batch per step.
/// <para>
/// <b>Epoch:</b> cycles through the tasks in the enumeration order of <c>batchesPerTask</c>, skipping a task once its
/// batches are used up, until every task's batches have each been used exactly once; the epoch has Σ nₜ steps.
/// For example a: 2, b: 1, c: 3 gives a, b, c, a, c, c. The plan is the same for every epoch, and no task cycles.
/// </para>
/// </summary>
public sealed class RoundRobinSampler : ITaskSampler
{
    /// <inheritdoc/>
    public string Name => "round-robin";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var tasks = PlanArguments.Check(epoch, batchesPerTask);
        var plan = new List<IReadOnlyList<string>>(PlanArguments.Total(tasks));
        var longest = tasks.Max(t => t.Batches);
        for (var round = 0; round < longest; round++)
        {
            foreach (var (task, batches) in tasks)
            {
                if (round < batches)
                {
                    plan.Add([task]);
                }
            }
        }

        return plan;
    }
}
