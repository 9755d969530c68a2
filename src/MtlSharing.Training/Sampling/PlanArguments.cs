namespace MtlSharing.Training.Sampling;

/// <summary>Argument checks shared by the samplers.</summary>
internal static class PlanArguments
{
    /// <summary>Checks the epoch and the batch counts, and returns the tasks with their counts in the dictionary's order.</summary>
    public static (string Task, int Batches)[] Check(int epoch, IReadOnlyDictionary<string, int> batchesPerTask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentNullException.ThrowIfNull(batchesPerTask);
        if (batchesPerTask.Count == 0)
        {
            throw new ArgumentException("there is no task to plan for", nameof(batchesPerTask));
        }

        var tasks = batchesPerTask.Select(pair => (pair.Key, pair.Value)).ToArray();
        foreach (var (task, batches) in tasks)
        {
            if (batches < 1)
            {
                throw new ArgumentException(
                    $"task '{task}' has {batches} batches per epoch; every task needs at least 1 (is its dataset empty, or smaller than the batch size with DropLast?)",
                    nameof(batchesPerTask));
            }
        }

        return tasks;
    }

    /// <summary>The total number of batches, checked against the largest plan a list can hold.</summary>
    public static int Total((string Task, int Batches)[] tasks)
    {
        var total = tasks.Sum(t => (long)t.Batches);
        if (total > Array.MaxLength)
        {
            throw new ArgumentException($"an epoch of {total} steps is too long to plan", "batchesPerTask");
        }

        return (int)total;
    }
}
