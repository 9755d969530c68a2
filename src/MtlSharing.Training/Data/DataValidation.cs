namespace MtlSharing.Training.Data;

/// <summary>
/// Checks a training configuration's data before any training starts, so a bad one fails at once with a message
/// that names the task and the bad value: a task without data, an empty dataset, a task with no labelled sample,
/// a label outside its head's classes, or a batch size larger than a dataset with drop-last.
/// Every check throws <see cref="ArgumentException"/>.
/// </summary>
public static class DataValidation
{
    private const int ScanChunk = 4096;

    /// <summary>Checks a multi-input problem: each task has its own dataset.</summary>
    /// <param name="tasks">The model's tasks.</param>
    /// <param name="datasets">One dataset per task, and none for a task the model lacks.</param>
    /// <param name="classCounts">The number of classes of each task's head.</param>
    /// <param name="options">The loader options every task's loader uses.</param>
    public static void Check(
        IReadOnlyCollection<string> tasks,
        IReadOnlyDictionary<string, ITaskDataset> datasets,
        IReadOnlyDictionary<string, int> classCounts,
        DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        CheckTaskNames(tasks, datasets.Keys, "datasets were given");
        foreach (var task in tasks)
        {
            CheckTaskDataset(task, datasets[task], ClassCount(classCounts, task), options);
        }
    }

    /// <summary>Checks a single-input problem: one dataset carries a label per task for each sample.</summary>
    /// <param name="tasks">The model's tasks.</param>
    /// <param name="dataset">The dataset; its tasks must be exactly the model's.</param>
    /// <param name="classCounts">The number of classes of each task's head.</param>
    /// <param name="options">The loader options.</param>
    public static void Check(
        IReadOnlyCollection<string> tasks,
        IMultiLabelDataset dataset,
        IReadOnlyDictionary<string, int> classCounts,
        DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckTaskNames(tasks, dataset.Tasks, "the dataset has labels");
        CheckSize("the single-input dataset", dataset.Count, options);
        var counts = tasks.ToDictionary(task => task, task => ClassCount(classCounts, task));
        var labelled = tasks.ToDictionary(task => task, _ => 0L);
        for (long start = 0; start < dataset.Count; start += ScanChunk)
        {
            var indices = Chunk(start, dataset.Count);
            var (inputs, labels) = dataset.Get(indices);
            inputs.Dispose();
            foreach (var (task, taskLabels) in labels)
            {
                using (taskLabels)
                {
                    if (counts.TryGetValue(task, out var classCount))
                    {
                        labelled[task] += CheckLabels(task, taskLabels.ToArrayOf<long>(), start, classCount);
                    }
                }
            }
        }

        foreach (var (task, count) in labelled)
        {
            RequireLabelled(task, count);
        }
    }

    /// <summary>Checks one task's dataset: not empty, compatible with the batch options, and every label valid for the head.</summary>
    /// <param name="task">The task's name, for messages.</param>
    /// <param name="dataset">The task's dataset.</param>
    /// <param name="classCount">The number of classes of the task's head.</param>
    /// <param name="options">The task's loader options.</param>
    public static void CheckTaskDataset(string task, ITaskDataset dataset, int classCount, DataLoaderOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        CheckSize($"task '{task}'", dataset.Count, options);
        long labelled = 0;
        for (long start = 0; start < dataset.Count; start += ScanChunk)
        {
            var (inputs, labels) = dataset.Get(Chunk(start, dataset.Count));
            inputs.Dispose();
            using (labels)
            {
                labelled += CheckLabels(task, labels.ToArrayOf<long>(), start, classCount);
            }
        }

        RequireLabelled(task, labelled);
    }

    /// <summary>Checks that a dataset is not empty and that the batch options give it at least one batch per epoch.</summary>
    /// <param name="what">What the dataset is, for messages (for example "task 'digits'").</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="options">The loader options.</param>
    public static void CheckSize(string what, long count, DataLoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (count < 1)
        {
            throw new ArgumentException($"{what} has an empty dataset: every task needs at least one sample");
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"the batch size must be at least 1; got {options.BatchSize}", nameof(options));
        }

        if (options.DropLast && options.BatchSize > count)
        {
            throw new ArgumentException(
                $"{what} has {count} samples, fewer than the batch size {options.BatchSize}, and DropLast is set, so it would yield no batch; " +
                $"use a batch size of at most {count} or turn DropLast off", nameof(options));
        }
    }

    private static void CheckTaskNames(IReadOnlyCollection<string> tasks, IEnumerable<string> given, string givenWhat)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("the model has no task to train", nameof(tasks));
        }

        var givenSet = given.ToHashSet(StringComparer.Ordinal);
        var list = givenSet.Count == 0 ? "no task" : string.Join(", ", givenSet);
        foreach (var task in tasks)
        {
            if (!givenSet.Contains(task))
            {
                throw new ArgumentException($"task '{task}' has no data: {givenWhat} for {list}", nameof(tasks));
            }
        }

        var unknown = givenSet.Where(name => !tasks.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"data was given for task '{unknown[0]}', which the model does not have; the model's tasks are {string.Join(", ", tasks)}", nameof(tasks));
        }
    }

    private static int ClassCount(IReadOnlyDictionary<string, int> classCounts, string task)
    {
        ArgumentNullException.ThrowIfNull(classCounts);
        if (!classCounts.TryGetValue(task, out var count))
        {
            throw new ArgumentException($"the number of classes of task '{task}' is not given", nameof(classCounts));
        }

        if (count < 1)
        {
            throw new ArgumentException($"task '{task}' has a head of {count} classes; it needs at least 1", nameof(classCounts));
        }

        return count;
    }

    private static long[] Chunk(long start, long count)
    {
        var length = (int)Math.Min(ScanChunk, count - start);
        var indices = new long[length];
        for (var i = 0; i < length; i++)
        {
            indices[i] = start + i;
        }

        return indices;
    }

    /// <summary>Checks each label and returns how many are not missing.</summary>
    private static long CheckLabels(string task, long[] labels, long start, int classCount)
    {
        long labelled = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label == TaskLabels.Missing)
            {
                continue;
            }

            if (label < 0 || label >= classCount)
            {
                throw new ArgumentException(
                    $"task '{task}' has label {label} at sample {start + i}, outside [0, {classCount}) for its head of {classCount} classes " +
                    $"(use {TaskLabels.Missing} for a missing label)");
            }

            labelled++;
        }

        return labelled;
    }

    private static void RequireLabelled(string task, long labelled)
    {
        if (labelled == 0)
        {
            throw new ArgumentException($"task '{task}' has no labelled sample: every label is missing ({TaskLabels.Missing})");
        }
    }
}
