using MtlSharing.Routing;
using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// Single-input training data: one loader whose batches carry a label per task. Each step of the
/// sampler's plan consumes the next shared batch and computes the losses of the step's tasks;
/// the sampler sees every task with the loader's batch count, and the loader is restarted if
/// the plan has more steps than one pass holds.
/// </summary>
internal sealed class MultiLabelData : TrainingData
{
    private readonly IMultiLabelDataset dataset;
    private readonly MultiLabelDataLoader loader;

    public MultiLabelData(IMultiLabelDataset dataset, DataLoaderOptions options)
    {
        this.dataset = dataset;
        loader = new MultiLabelDataLoader(dataset, options);
        Tasks = [.. dataset.Tasks];
        BatchesPerTask = Tasks.ToDictionary(t => t, _ => loader.BatchesPerEpoch, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Tasks { get; }

    /// <inheritdoc />
    internal override IReadOnlyDictionary<string, int> BatchesPerTask { get; }

    /// <inheritdoc />
    internal override void Validate(MultiTaskModel model, IReadOnlyCollection<string>? trainedTasks)
    {
        // Every sample carries every task's label; a process that trains some tasks reads only theirs.
        TaskCoverage.Require(Tasks, model.Tasks);
        var scan = new LabelScan(model);
        foreach (var indices in LabelScan.Chunks(dataset.Count))
        {
            using var scope = NewDisposeScope();
            var (inputs, labels) = dataset.Get(indices);
            foreach (var task in Tasks)
            {
                if (!labels.TryGetValue(task, out var taskLabels))
                {
                    throw new ArgumentException($"the multi-label dataset names task '{task}' but its batch of samples {indices[0]}–{indices[^1]} has no labels for it", "data");
                }

                scan.Check(task, inputs, taskLabels, indices[0]);
            }
        }

        scan.RequireLabelled(Tasks);
    }

    /// <inheritdoc />
    internal override IEpochBatches Open(int epoch, IReadOnlyList<IReadOnlyList<string>> plan, int startStep) =>
        new Batches(new LoaderCursor<(Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels)>(loader.Epoch, epoch, loader.BatchesPerEpoch, startStep));

    private sealed class Batches(LoaderCursor<(Tensor Inputs, IReadOnlyDictionary<string, Tensor> Labels)> cursor) : IEpochBatches
    {
        public StepBatch Next(IReadOnlyList<string> tasks)
        {
            var (inputs, labels) = cursor.Next();
            return new StepBatch(tasks.ToDictionary(t => t, _ => inputs, StringComparer.Ordinal), tasks.ToDictionary(t => t, t => labels[t], StringComparer.Ordinal));
        }

        public void Dispose() => cursor.Dispose();
    }
}
