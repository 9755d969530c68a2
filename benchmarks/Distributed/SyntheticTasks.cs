using MtlSharing.Distributed;
using MtlSharing.Training;
using MtlSharing.Training.Data;
using static TorchSharp.torch;

namespace MtlSharing.DistributedBench;

/// <summary>
/// Random data for the tasks a rank trains: standard-normal 3×32×32 images and uniform labels,
/// each task a <see cref="TensorDataset"/> of exactly the batches the run takes (warm-up and timed
/// steps on each of the task's ranks), so that one epoch covers the run and no epoch ends inside
/// the timed window. Each loader gets the rank's shard of its task.
/// </summary>
internal sealed class SyntheticTasks : IDisposable
{
    private readonly List<TensorDataset> datasets = [];

    public SyntheticTasks(BenchOptions options, TaskPlacement placement, DistributedTraining distributed, int rank)
    {
        var mine = placement.TasksOf(rank);
        var loaders = new Dictionary<string, DataLoaderOptions>(StringComparer.Ordinal);
        var byTask = new Dictionary<string, ITaskDataset>(StringComparer.Ordinal);
        foreach (var (task, index) in placement.Tasks.Select((t, i) => (t, i)).Where(p => mine.Contains(p.t)))
        {
            var samples = (long)placement.Replication * options.Batch * (options.Warmup + options.Steps);
            using var generator = new Generator((ulong)index + 1);
            using var images = randn([samples, 3, BenchOptions.ImageSize, BenchOptions.ImageSize], generator: generator);
            using var labels = randint(options.Classes, [samples], generator: generator);
            var dataset = new TensorDataset(images, labels);
            datasets.Add(dataset);
            byTask[task] = dataset;
            loaders[task] = distributed.LoaderOptions(task, new DataLoaderOptions { BatchSize = options.Batch, Shuffle = true, Seed = index });
        }

        Data = TrainingData.PerTask(byTask, loaders);
    }

    /// <summary>The rank's training data.</summary>
    public TrainingData Data { get; }

    public void Dispose()
    {
        foreach (var dataset in datasets)
        {
            dataset.Dispose();
        }
    }
}
