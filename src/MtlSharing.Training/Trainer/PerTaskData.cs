using MtlSharing.Routing;
using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>Multi-input training data: each task has its own dataset and loader.</summary>
internal sealed class PerTaskData : TrainingData
{
    private readonly Dictionary<string, ITaskDataset> datasets;
    private readonly Dictionary<string, DataLoader> loaders;

    public PerTaskData(IReadOnlyDictionary<string, ITaskDataset> datasets, IReadOnlyDictionary<string, DataLoaderOptions> options)
    {
        this.datasets = datasets.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        loaders = datasets.ToDictionary(d => d.Key, d => new DataLoader(d.Value, options[d.Key]), StringComparer.Ordinal);
        BatchesPerTask = loaders.ToDictionary(l => l.Key, l => l.Value.BatchesPerEpoch, StringComparer.Ordinal);
        Tasks = [.. datasets.Keys];
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Tasks { get; }

    /// <inheritdoc />
    internal override IReadOnlyDictionary<string, int> BatchesPerTask { get; }

    /// <inheritdoc />
    internal override void Validate(MultiTaskModel model, IReadOnlyCollection<string>? trainedTasks)
    {
        TaskCoverage.Require(Tasks, trainedTasks is null ? model.Tasks : [.. model.Tasks.Where(trainedTasks.Contains)]);
        var scan = new LabelScan(model);
        foreach (var (task, dataset) in datasets)
        {
            foreach (var indices in LabelScan.Chunks(dataset.Count))
            {
                using var scope = NewDisposeScope();
                var (inputs, labels) = dataset.Get(indices);
                scan.Check(task, inputs, labels, indices[0]);
            }
        }

        scan.RequireLabelled(Tasks);
    }

    /// <inheritdoc />
    internal override IEpochBatches Open(int epoch, IReadOnlyList<IReadOnlyList<string>> plan, int startStep)
    {
        var consumed = plan.Take(startStep).SelectMany(step => step).CountBy(t => t).ToDictionary(c => c.Key, c => (long)c.Value, StringComparer.Ordinal);
        var cursors = loaders.ToDictionary(
            l => l.Key,
            l => new LoaderCursor<(Tensor Inputs, Tensor Labels)>(l.Value.Epoch, epoch, BatchesPerTask[l.Key], consumed.GetValueOrDefault(l.Key)),
            StringComparer.Ordinal);
        return new Batches(cursors);
    }

    private sealed class Batches(Dictionary<string, LoaderCursor<(Tensor Inputs, Tensor Labels)>> cursors) : IEpochBatches
    {
        public StepBatch Next(IReadOnlyList<string> tasks)
        {
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var labels = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                (inputs[task], labels[task]) = cursors[task].Next();
            }

            return new StepBatch(inputs, labels);
        }

        public void Dispose()
        {
            foreach (var cursor in cursors.Values)
            {
                cursor.Dispose();
            }
        }
    }
}
