namespace MtlSharing.Training.Tests.Sampling;

internal static class Plans
{
    public static Dictionary<string, int> Batches(params (string Task, int Batches)[] tasks) =>
        tasks.ToDictionary(t => t.Task, t => t.Batches);

    /// <summary>A plan of one task per step, flattened to the task names.</summary>
    public static string[] Single(IReadOnlyList<IReadOnlyList<string>> plan)
    {
        plan.Should().OnlyContain(step => step.Count == 1);
        return plan.Select(step => step[0]).ToArray();
    }
}
