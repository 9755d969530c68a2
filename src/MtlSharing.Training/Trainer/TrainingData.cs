using MtlSharing.Routing;
using MtlSharing.Training.Data;

namespace MtlSharing.Training;

/// <summary>
/// The data a <see cref="MultiTaskTrainer"/> trains on: a dataset per task (multi-input problems,
/// <see cref="PerTask(IReadOnlyDictionary{string, ITaskDataset}, DataLoaderOptions)"/>) or one
/// dataset with a label per task for each sample (single-input problems, <see cref="MultiLabel"/>).
/// The factories check the datasets and loader options at once; the trainer then checks them
/// against the model (every task has data, labels fit the heads) before any training starts.
/// </summary>
public abstract class TrainingData
{
    private protected TrainingData()
    {
    }

    /// <summary>The tasks that have data.</summary>
    public abstract IReadOnlyList<string> Tasks { get; }

    /// <summary>
    /// A dataset per task, all batched with the same options. Each task's loader gets its own
    /// shuffling seed, derived from <paramref name="options"/>' seed and the task's name, so tasks
    /// of equal size are not shuffled alike.
    /// </summary>
    /// <param name="datasets">Each task's dataset.</param>
    /// <param name="options">The loader options.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="ArgumentException">No dataset, an empty dataset, a batch size below 1, or a batch size above a dataset's size with DropLast.</exception>
    public static TrainingData PerTask(IReadOnlyDictionary<string, ITaskDataset> datasets, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        return PerTask(datasets, datasets.Keys.ToDictionary(t => t, t => options with { Seed = unchecked(options.Seed + StableHash(t)) }, StringComparer.Ordinal));
    }

    /// <summary>A dataset per task, each with its own loader options.</summary>
    /// <param name="datasets">Each task's dataset.</param>
    /// <param name="options">Each task's loader options, used as given.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="ArgumentException">No dataset, a task without options, an empty dataset, a batch size below 1, or a batch size above a dataset's size with DropLast.</exception>
    public static TrainingData PerTask(IReadOnlyDictionary<string, ITaskDataset> datasets, IReadOnlyDictionary<string, DataLoaderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(options);
        if (datasets.Count == 0)
        {
            throw new ArgumentException("no task has a dataset; give one dataset per task", nameof(datasets));
        }

        foreach (var (task, dataset) in datasets)
        {
            if (dataset is null)
            {
                throw new ArgumentException($"the dataset of task '{task}' is null", nameof(datasets));
            }

            if (!options.TryGetValue(task, out var taskOptions) || taskOptions is null)
            {
                throw new ArgumentException($"task '{task}' has a dataset but no loader options; the options cover {string.Join(", ", options.Keys)}", nameof(options));
            }

            RequireBatches($"the dataset of task '{task}'", dataset.Count, taskOptions);
        }

        return new PerTaskData(datasets, options);
    }

    /// <summary>One dataset whose samples carry a label per task (-100 where a task's label is missing).</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="options">The loader options.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="ArgumentException">The dataset is empty or has no task, the batch size is below 1, or it is above the dataset's size with DropLast.</exception>
    public static TrainingData MultiLabel(IMultiLabelDataset dataset, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        if (dataset.Tasks is null || dataset.Tasks.Count == 0)
        {
            throw new ArgumentException("the multi-label dataset names no task", nameof(dataset));
        }

        RequireBatches("the multi-label dataset", dataset.Count, options);
        return new MultiLabelData(dataset, options);
    }

    /// <summary>How many batches each task's loader gives per epoch.</summary>
    internal abstract IReadOnlyDictionary<string, int> BatchesPerTask { get; }

    /// <summary>Checks the data against the model: every trained task has data, no data for other tasks, labels fit each head.</summary>
    /// <param name="model">The model to train.</param>
    /// <param name="trainedTasks">The tasks this process trains (<see cref="IDistributedTraining.LocalTasks"/>), or null for every task of the model.</param>
    /// <exception cref="ArgumentException">A mismatch, naming the task and, for labels, the sample.</exception>
    internal abstract void Validate(MultiTaskModel model, IReadOnlyCollection<string>? trainedTasks);

    /// <summary>Starts an epoch at a step of its plan; the batches the skipped steps used are not loaded.</summary>
    /// <param name="epoch">The epoch.</param>
    /// <param name="plan">The epoch's plan: the tasks of each step.</param>
    /// <param name="startStep">The first step to load batches for.</param>
    /// <returns>The epoch's batches, step by step.</returns>
    internal abstract IEpochBatches Open(int epoch, IReadOnlyList<IReadOnlyList<string>> plan, int startStep);

    private static void RequireBatches(string what, long count, DataLoaderOptions options)
    {
        if (count <= 0)
        {
            throw new ArgumentException($"{what} is empty (Count = {count}); every task needs at least one sample");
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"the batch size for {what} is {options.BatchSize}; it must be at least 1");
        }

        if (options.DropLast && options.BatchSize > count)
        {
            throw new ArgumentException($"the batch size {options.BatchSize} is larger than the {count} samples of {what}, and DropLast is on, so an epoch would have no batch; lower the batch size to at most {count} or turn DropLast off");
        }
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same in every process, unlike string.GetHashCode.</summary>
    private static long StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return unchecked((long)hash);
    }
}
