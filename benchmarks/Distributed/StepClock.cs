using System.Diagnostics;
using MtlSharing.Distributed;
using MtlSharing.Routing;
using MtlSharing.Training;
using TorchSharp.Modules;

namespace MtlSharing.DistributedBench;

/// <summary>
/// Passes every call of the trainer on to the library's <see cref="DistributedTraining"/> and times
/// the steps in between on this rank. <see cref="AfterStep"/> is the last thing the trainer does in
/// a step on every rank (progress events reach rank 0 only), so the timed window runs from the end
/// of the last warm-up step to the end of the last timed step, and the communication statistics
/// are read at the same two points.
/// </summary>
internal sealed class StepClock(DistributedTraining inner, int warmup, int steps) : IDistributedTraining
{
    private readonly Stopwatch window = new();
    private CommunicationStatistics? atStart;
    private int done;

    /// <summary>What this rank measured, once the last timed step is done.</summary>
    public RankTiming? Timing { get; private set; }

    public bool IsLeader => inner.IsLeader;

    public bool WritesCheckpoints => inner.WritesCheckpoints;

    public string CheckpointPath(string path) => inner.CheckpointPath(path);

    public IReadOnlyCollection<string>? LocalTasks => inner.LocalTasks;

    public void Start(MultiTaskModel model, IReadOnlyList<Parameter> trained) => inner.Start(model, trained);

    public IReadOnlyDictionary<string, int> AgreeBatchesPerTask(IReadOnlyDictionary<string, int> local) => inner.AgreeBatchesPerTask(local);

    public bool AnyNonFinite(bool local) => inner.AnyNonFinite(local);

    public void ReduceGradients(IReadOnlyList<Parameter> trained) => inner.ReduceGradients(trained);

    public void AfterStep(MultiTaskModel model)
    {
        inner.AfterStep(model);
        done++;
        if (done == warmup)
        {
            atStart = inner.Statistics;
            window.Restart();
        }
        else if (done == warmup + steps)
        {
            window.Stop();
            var end = inner.Statistics;
            Timing = new RankTiming(
                steps,
                window.Elapsed.TotalSeconds,
                end.CommunicationSeconds - atStart!.CommunicationSeconds,
                end.BytesAllReduced - atStart.BytesAllReduced,
                inner.ParametersHeld,
                LocalTasks?.Count ?? model.Tasks.Count);
        }
    }

    public void Synchronize(MultiTaskModel model) => inner.Synchronize(model);

    public IReadOnlyDictionary<string, double> AgreeMeanLosses(IReadOnlyDictionary<string, (double Sum, long Count)> local) => inner.AgreeMeanLosses(local);

    public IReadOnlyDictionary<string, double> FromLeader(IReadOnlyDictionary<string, double> values) => inner.FromLeader(values);

    public void Barrier() => inner.Barrier();
}
