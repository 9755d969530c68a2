namespace MtlSharing.CostModel;

/// <summary>What one rank holds, trains and all-reduces in one step under a placement.</summary>
/// <param name="TasksTrained">The tasks the rank trains per step, each on a batch of 32.</param>
/// <param name="ParametersHeld">The parameters the rank holds: shared plus its tasks' own.</param>
/// <param name="BytesOverAllRanks">FP32 gradient bytes all-reduced over all N ranks.</param>
/// <param name="BytesOverTaskRanks">FP32 gradient bytes all-reduced only among the ranks that train the rank's task.</param>
/// <param name="TaskRanks">How many ranks train each task.</param>
internal sealed record RankLoad(int TasksTrained, long ParametersHeld, long BytesOverAllRanks, long BytesOverTaskRanks, int TaskRanks)
{
    /// <summary>The bytes of one FP32 gradient.</summary>
    public const int GradientBytes = sizeof(float);

    /// <summary>Every gradient byte the rank all-reduces per step.</summary>
    public long Bytes => BytesOverAllRanks + BytesOverTaskRanks;

    /// <summary>The load of one rank.</summary>
    /// <param name="placement">The placement.</param>
    /// <param name="counts">The layout's parameter counts.</param>
    /// <param name="tasks">T.</param>
    /// <param name="ranks">N; with task sharding, one of T and N must divide the other.</param>
    /// <returns>The load.</returns>
    public static RankLoad For(Placement placement, LayoutCounts counts, int tasks, int ranks)
    {
        if (placement == Placement.DataParallel)
        {
            var all = counts.Shared + tasks * counts.PerTask;
            return new RankLoad(tasks, all, GradientBytes * all, 0, ranks);
        }

        if (tasks % ranks != 0 && ranks % tasks != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"task sharding needs T a multiple of N or N a multiple of T; T is {tasks}");
        }

        var tasksPerRank = Math.Max(tasks / ranks, 1);
        var ranksPerTask = Math.Max(ranks / tasks, 1);
        return new RankLoad(
            tasksPerRank,
            counts.Shared + tasksPerRank * counts.PerTask,
            GradientBytes * counts.Shared,
            ranksPerTask > 1 ? GradientBytes * counts.PerTask : 0,
            ranksPerTask);
    }

    /// <summary>Seconds of communication per step: the all-reduce over all ranks, then the one among the task's ranks.</summary>
    /// <param name="network">The network.</param>
    /// <param name="ranks">N.</param>
    /// <returns>The seconds.</returns>
    public double CommunicationSeconds(Network network, int ranks) =>
        network.AllReduceSeconds(BytesOverAllRanks, ranks) + network.AllReduceSeconds(BytesOverTaskRanks, TaskRanks);

    /// <summary>Seconds of compute per step: the measured time of one task's batch times the tasks trained.</summary>
    public double ComputeSeconds => MeasuredCompute.StepSeconds(TasksTrained);
}
