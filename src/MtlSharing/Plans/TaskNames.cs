namespace MtlSharing.Plans;

/// <summary>Validation of task names, which also name modules and state_dict keys.</summary>
internal static class TaskNames
{
    public static void Validate(IReadOnlyList<string> tasks)
    {
        if (tasks.Count == 0)
        {
            throw new ArgumentException("a plan needs at least one task", nameof(tasks));
        }

        foreach (var task in tasks)
        {
            ValidateOne(task, nameof(tasks));
        }

        var duplicates = tasks.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"duplicate task names: {string.Join(", ", duplicates)}; each task needs a distinct name", nameof(tasks));
        }
    }

    public static void ValidateOne(string task, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(task))
        {
            throw new ArgumentException("a task name is empty", parameterName);
        }

        if (task.Contains('.', StringComparison.Ordinal) || task.Contains('+', StringComparison.Ordinal))
        {
            throw new ArgumentException($"task name '{task}' contains '.' or '+', which module paths and group names reserve", parameterName);
        }
    }

    public static string Unknown(string task, IEnumerable<string> tasks) =>
        $"unknown task '{task}'; the plan's tasks are {string.Join(", ", tasks)}";
}
