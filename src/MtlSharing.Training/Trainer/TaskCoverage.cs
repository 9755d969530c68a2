namespace MtlSharing.Training;

/// <summary>Checks that the data's tasks are exactly the model's tasks.</summary>
internal static class TaskCoverage
{
    /// <summary>Throws <see cref="ArgumentException"/> for a model task without data or data for a task the model lacks.</summary>
    /// <param name="dataTasks">The tasks that have data.</param>
    /// <param name="modelTasks">The model's tasks.</param>
    public static void Require(IReadOnlyList<string> dataTasks, IReadOnlyList<string> modelTasks)
    {
        var unknown = dataTasks.FirstOrDefault(t => !modelTasks.Contains(t));
        if (unknown is not null)
        {
            throw new ArgumentException($"there is data for unknown task '{unknown}'; the model's tasks are {string.Join(", ", modelTasks)}", "data");
        }

        var without = modelTasks.Where(t => !dataTasks.Contains(t)).ToList();
        if (without.Count > 0)
        {
            throw new ArgumentException($"task{(without.Count > 1 ? "s" : string.Empty)} {string.Join(", ", without.Select(t => $"'{t}'"))} of the model {(without.Count > 1 ? "have" : "has")} no data; the data covers {string.Join(", ", dataTasks)}", "data");
        }
    }
}
