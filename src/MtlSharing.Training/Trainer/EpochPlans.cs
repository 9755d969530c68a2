using MtlSharing.Training.Sampling;

namespace MtlSharing.Training;

/// <summary>Asks the sampler for an epoch's plan and checks it before any of its steps runs.</summary>
internal static class EpochPlans
{
    /// <summary>The plan of an epoch: the tasks of each step.</summary>
    /// <param name="sampler">The sampler.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="batchesPerTask">Each task's batches per epoch.</param>
    /// <returns>The checked plan.</returns>
    /// <exception cref="InvalidOperationException">The plan is empty, or a step is empty, names an unknown task or names a task twice.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Make(ITaskSampler sampler, int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var plan = sampler.PlanEpoch(epoch, batchesPerTask);
        if (plan is null || plan.Count == 0)
        {
            throw new InvalidOperationException($"the sampler '{sampler.Name}' planned no step for epoch {epoch}");
        }

        for (var step = 0; step < plan.Count; step++)
        {
            var tasks = plan[step];
            if (tasks is null || tasks.Count == 0)
            {
                throw new InvalidOperationException($"the sampler '{sampler.Name}' planned step {step} of epoch {epoch} with no task");
            }

            if (tasks.Any(t => t is null || !batchesPerTask.ContainsKey(t)))
            {
                var unknown = tasks.First(t => t is null || !batchesPerTask.ContainsKey(t)) ?? "(null)";
                throw new InvalidOperationException($"the sampler '{sampler.Name}' planned step {step} of epoch {epoch} with unknown task '{unknown}'; the tasks are {string.Join(", ", batchesPerTask.Keys)}");
            }

            if (tasks.Distinct(StringComparer.Ordinal).Count() != tasks.Count)
            {
                throw new InvalidOperationException($"the sampler '{sampler.Name}' planned step {step} of epoch {epoch} with a task more than once ({string.Join(", ", tasks)})");
            }
        }

        return plan;
    }
}
