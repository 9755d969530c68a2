namespace MtlSharing.Training.Data;

/// <summary>Conventions for class-index labels.</summary>
public static class TaskLabels
{
    /// <summary>
    /// The label of a sample that has none for a task: it is left out of that task's loss
    /// (the <c>ignore_index</c> of cross-entropy).
    /// </summary>
    public const long Missing = -100;
}
