using MtlSharing.Training.Sampling;

namespace MtlSharing.Training.TestHost.Doubles;

/// <summary>Every task in every step; an epoch lasts as long as the largest task, so smaller tasks cycle.</summary>
internal sealed class EveryTaskSampler(int? steps = null) : ITaskSampler
{
    public string Name => "all_tasks";

    public IReadOnlyList<IReadOnlyList<string>> PlanEpoch(int epoch, IReadOnlyDictionary<string, int> batchesPerTask) =>
        Enumerable.Range(0, steps ?? batchesPerTask.Values.Max()).Select(_ => (IReadOnlyList<string>)[.. batchesPerTask.Keys]).ToList();
}
