namespace MtlSharing.Plans;

/// <summary>
/// A partition of tasks into groups, such as {A, B} and {C}. Validated against a plan's tasks when
/// the plan is applied: every task in exactly one group.
/// </summary>
public sealed class TaskPartition : IEquatable<TaskPartition>
{
    /// <summary>Creates a partition from its groups.</summary>
    /// <param name="groups">Non-empty groups of task names.</param>
    public TaskPartition(IEnumerable<IEnumerable<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups.Select(g => (IReadOnlyList<string>)(g ?? throw new ArgumentException("a group of the partition is null", nameof(groups))).ToArray()).ToArray();
        if (Groups.Count == 0)
        {
            throw new ArgumentException("a partition needs at least one group", nameof(groups));
        }

        if (Groups.Any(g => g.Count == 0))
        {
            throw new ArgumentException($"partition {this} has an empty group", nameof(groups));
        }
    }

    /// <summary>The groups, in the order given.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Groups { get; }

    /// <summary>The name of a group: its tasks joined by '+', e.g. "birds+cars".</summary>
    /// <param name="index">The group's index.</param>
    /// <returns>The name, usable as a module name.</returns>
    public string GroupName(int index) => string.Join("+", Groups[index]);

    /// <summary>The index of the group that holds a task.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The group index.</returns>
    public int GroupOf(string task)
    {
        for (var i = 0; i < Groups.Count; i++)
        {
            if (Groups[i].Contains(task, StringComparer.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"task '{task}' is in no group of the partition {this}", nameof(task));
    }

    /// <summary>Checks that the partition holds every task exactly once and nothing else.</summary>
    /// <param name="tasks">The plan's tasks.</param>
    /// <returns>A description of each problem; empty when valid.</returns>
    public IReadOnlyList<string> Problems(IReadOnlyList<string> tasks)
    {
        var problems = new List<string>();
        var all = Groups.SelectMany(g => g).ToList();
        foreach (var repeated in all.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"partition {this} lists task '{repeated.Key}' {repeated.Count()} times");
        }

        foreach (var unknown in all.Distinct(StringComparer.Ordinal).Where(t => !tasks.Contains(t, StringComparer.Ordinal)))
        {
            problems.Add($"partition {this} names unknown task '{unknown}'; the plan's tasks are {string.Join(", ", tasks)}");
        }

        foreach (var missing in tasks.Where(t => !all.Contains(t, StringComparer.Ordinal)))
        {
            problems.Add($"partition {this} misses task '{missing}'");
        }

        return problems;
    }

    /// <inheritdoc />
    public bool Equals(TaskPartition? other) =>
        other is not null && Groups.Count == other.Groups.Count && Groups.Zip(other.Groups).All(p => p.First.SequenceEqual(p.Second, StringComparer.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TaskPartition);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", Groups.Select(g => "{" + string.Join(", ", g) + "}"));
}
