using MtlSharing.Plans;

namespace MtlSharing.Reports;

/// <summary>One layer of a parameter report.</summary>
/// <param name="Path">The layer's path in the backbone.</param>
/// <param name="Type">The layer's module type.</param>
/// <param name="Mode">How the tasks use it.</param>
/// <param name="ParametersPerCopy">The parameters of one copy.</param>
public sealed record LayerRow(string Path, string Type, SharingMode Mode, long ParametersPerCopy)
{
    /// <summary>How many copies the model holds, given the number of tasks.</summary>
    /// <param name="taskCount">The number of tasks.</param>
    /// <returns>1 for shared and frozen layers, the task count for per-task ones, the group count for grouped ones.</returns>
    public int Copies(int taskCount) => Mode switch
    {
        SharingMode.PerTaskMode => taskCount,
        SharingMode.GroupsMode groups => groups.Partition.Groups.Count,
        _ => 1,
    };
}
