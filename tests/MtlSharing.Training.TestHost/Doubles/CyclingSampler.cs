using MtlSharing.Training.Sampling;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>One task per step, taking the tasks in turn until each has used all its batches once.</summary>
internal sealed class CyclingSampler : ITaskSampler
{
    public string Name => "round_robin";

    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        var left = batchesPerTask.ToDictionary(b => b.Key, b => b.Value);
        var plan = new List<IReadOnlyList<string>>();
        while (left.Values.Any(v => v > 0))
        {
            foreach (var task in batchesPerTask.Keys.Where(t => left[t] > 0))
            {
                plan.Add([task]);
                left[task]--;
            }
        }

        return plan;
    }
}
