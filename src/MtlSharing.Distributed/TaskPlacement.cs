using MtlSharing.Training.Data;

namespace MtlSharing.Distributed;

/// <summary>
/// Which ranks train which tasks. <see cref="Everywhere"/> is data parallelism: every rank trains
/// every task on its shard of the data. <see cref="Spread"/> and <see cref="Explicit"/> shard the
/// tasks: a rank trains only its tasks and steps only their branches, shared parameters are
/// reduced across all ranks and a task's own parameters only among the ranks that train it.
/// Every task lives on the same number of ranks (<see cref="Replication"/>), so that one scale
/// turns the ranks' summed gradients into the gradient of the whole step.
/// </summary>
public sealed class TaskPlacement
{
    private readonly IReadOnlyList<IReadOnlyList<string>> tasksByRank;

    private TaskPlacement(IReadOnlyList<string> tasks, IReadOnlyList<IReadOnlyList<string>> tasksByRank)
    {
        Tasks = tasks;
        this.tasksByRank = tasksByRank;
        Replication = tasksByRank.Count(r => r.Contains(tasks[0], StringComparer.Ordinal));
    }

    /// <summary>Every task, in the order given.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>The number of ranks the placement is for.</summary>
    public int WorldSize => tasksByRank.Count;

    /// <summary>How many ranks train each task.</summary>
    public int Replication { get; }

    /// <summary>Whether every rank trains every task (data parallelism).</summary>
    public bool IsEverywhere => Replication == WorldSize;

    /// <summary>Every rank trains every task, on its own shard of each task's data.</summary>
    /// <param name="tasks">The model's tasks.</param>
    /// <param name="worldSize">The number of ranks.</param>
    /// <returns>The placement.</returns>
    public static TaskPlacement Everywhere(IReadOnlyList<string> tasks, int worldSize)
    {
        RequireTasks(tasks);
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        return new TaskPlacement([.. tasks], [.. Enumerable.Range(0, worldSize).Select(_ => (IReadOnlyList<string>)[.. tasks])]);
    }

    /// <summary>
    /// Spreads the tasks evenly: with T tasks on N ranks and N dividing T, rank r trains tasks
    /// r·T/N … (r+1)·T/N − 1; with T dividing N, task t is trained by ranks t·N/T … (t+1)·N/T − 1.
    /// </summary>
    /// <param name="tasks">The model's tasks.</param>
    /// <param name="worldSize">The number of ranks.</param>
    /// <returns>The placement.</returns>
    /// <exception cref="ArgumentException">Neither divides the other, so some task would get more ranks than another.</exception>
    public static TaskPlacement Spread(IReadOnlyList<string> tasks, int worldSize)
    {
        RequireTasks(tasks);
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        var count = tasks.Count;
        if (count % worldSize == 0)
        {
            var perRank = count / worldSize;
            return new TaskPlacement([.. tasks], [.. Enumerable.Range(0, worldSize).Select(r => (IReadOnlyList<string>)[.. tasks.Skip(r * perRank).Take(perRank)])]);
        }

        if (worldSize % count == 0)
        {
            var ranksPerTask = worldSize / count;
            return new TaskPlacement([.. tasks], [.. Enumerable.Range(0, worldSize).Select(r => (IReadOnlyList<string>)[tasks[r / ranksPerTask]])]);
        }

        throw new ArgumentException($"{count} tasks cannot be spread evenly over {worldSize} ranks: one must divide the other; use a world size of {string.Join(", ", Divisors(count).Concat([count * 2]).Distinct())}, …, or TaskPlacement.Explicit", nameof(worldSize));
    }

    /// <summary>The tasks of each rank, as given.</summary>
    /// <param name="tasksByRank">For rank r, the tasks it trains.</param>
    /// <returns>The placement.</returns>
    /// <exception cref="ArgumentException">A rank without tasks, a task named twice on a rank, or tasks trained by different numbers of ranks.</exception>
    public static TaskPlacement Explicit(IReadOnlyList<IReadOnlyList<string>> tasksByRank)
    {
        ArgumentNullException.ThrowIfNull(tasksByRank);
        if (tasksByRank.Count == 0 || tasksByRank.Any(r => r is null || r.Count == 0))
        {
            throw new ArgumentException("every rank needs at least one task", nameof(tasksByRank));
        }

        for (var rank = 0; rank < tasksByRank.Count; rank++)
        {
            if (tasksByRank[rank].Distinct(StringComparer.Ordinal).Count() != tasksByRank[rank].Count)
            {
                throw new ArgumentException($"rank {rank} names a task twice: {string.Join(", ", tasksByRank[rank])}", nameof(tasksByRank));
            }
        }

        var tasks = tasksByRank.SelectMany(r => r).Distinct(StringComparer.Ordinal).ToList();
        RequireTasks(tasks);
        var ranksPerTask = tasks.ToDictionary(t => t, t => tasksByRank.Count(r => r.Contains(t, StringComparer.Ordinal)), StringComparer.Ordinal);
        if (ranksPerTask.Values.Distinct().Count() > 1)
        {
            throw new ArgumentException($"every task must be trained by the same number of ranks, but {string.Join(", ", ranksPerTask.Select(p => $"'{p.Key}' has {p.Value}"))}", nameof(tasksByRank));
        }

        return new TaskPlacement(tasks, [.. tasksByRank.Select(r => (IReadOnlyList<string>)[.. r])]);
    }

    /// <summary>The tasks rank <paramref name="rank"/> trains.</summary>
    public IReadOnlyList<string> TasksOf(int rank) => tasksByRank[RequireRank(rank)];

    /// <summary>The ranks that train <paramref name="task"/>, in increasing order.</summary>
    public IReadOnlyList<int> RanksOf(string task) =>
        [.. Enumerable.Range(0, WorldSize).Where(r => tasksByRank[r].Contains(RequireTask(task), StringComparer.Ordinal))];

    /// <summary>The shard of <paramref name="task"/>'s data that <paramref name="rank"/> trains on: its position among the task's ranks.</summary>
    public DataShard ShardOf(string task, int rank)
    {
        var ranks = RanksOf(task);
        var index = ranks.ToList().IndexOf(RequireRank(rank));
        return index < 0
            ? throw new ArgumentException($"rank {rank} does not train task '{task}'; its ranks are {string.Join(", ", ranks)}", nameof(rank))
            : new DataShard(index, ranks.Count);
    }

    /// <summary>E.g. "rank 0: a, b; rank 1: c, d".</summary>
    public override string ToString() => string.Join("; ", tasksByRank.Select((t, r) => $"rank {r}: {string.Join(", ", t)}"));

    private static void RequireTasks(IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0 || tasks.Any(string.IsNullOrWhiteSpace) || tasks.Distinct(StringComparer.Ordinal).Count() != tasks.Count)
        {
            throw new ArgumentException($"a placement needs distinct, non-empty task names; got [{string.Join(", ", tasks)}]", nameof(tasks));
        }
    }

    private static IEnumerable<int> Divisors(int count) => Enumerable.Range(1, count).Where(d => count % d == 0);

    private int RequireRank(int rank) =>
        rank >= 0 && rank < WorldSize ? rank : throw new ArgumentOutOfRangeException(nameof(rank), rank, $"the placement has ranks 0–{WorldSize - 1}");

    private string RequireTask(string task) =>
        Tasks.Contains(task, StringComparer.Ordinal) ? task : throw new ArgumentException($"unknown task '{task}'; the placement's tasks are {string.Join(", ", Tasks)}", nameof(task));
}
