using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Plans;

/// <summary>
/// Ready-made plans. Each returns an ordinary <see cref="SharingPlan"/> that can be refined
/// further. Block-based presets need a backbone that publishes its blocks (<see cref="IBlockStructured"/>).
/// </summary>
public static class SharingPresets
{
    /// <summary>Every backbone layer shared; each task has only its own head.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan FullyShared(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) =>
        SharingPlan.For(tasks, heads);

    /// <summary>Every layer per task: T separate models trained side by side.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan Independent(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) =>
        SharingPlan.For(tasks, heads).PerTask(LayerSelector.All());

    /// <summary>The top (output-side) k blocks per task, the rest shared: the usual layout.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="k">How many blocks, 0 to the number of blocks.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan TopSpecific(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, int k) =>
        EdgeSpecific(tasks, heads, k, fromTop: true);

    /// <summary>The bottom (input-side) k blocks per task, the rest shared: the layout Zhang et al. (2021) favour.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="k">How many blocks, 0 to the number of blocks.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan BottomSpecific(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, int k) =>
        EdgeSpecific(tasks, heads, k, fromTop: false);

    /// <summary>
    /// Per-task BatchNorm layers (scale, shift and running statistics), everything else shared:
    /// the "model patch" of Mudrakarta et al. ("K for the price of 1").
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan NormOnly(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) =>
        SharingPlan.For(tasks, heads).With(new SharingPlanOptions { PerTaskBatchNorm = true });

    /// <summary>
    /// One partition of the tasks per block, bottom first, as in TreeMTL or Learning-to-Branch. A
    /// partition of one group shares the block; all singletons make it per task. Later partitions
    /// need not refine earlier ones. Blocks beyond the list are shared.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="partitions">One partition per block, bottom first.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan Tree(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, IReadOnlyList<TaskPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var plan = SharingPlan.For(tasks, heads);
        for (var block = 0; block < partitions.Count; block++)
        {
            var partition = partitions[block] ?? throw new ArgumentException($"the partition of block {block} is null", nameof(partitions));
            if (partition.Groups.Count > 1)
            {
                var mode = partition.Groups.All(g => g.Count == 1) && partition.Groups.Count == plan.Tasks.Count
                    ? SharingMode.PerTask
                    : SharingMode.Groups(partition);
                plan = plan.With(LayerSelector.Block(block), mode);
            }
        }

        return plan;
    }

    /// <summary>
    /// Chooses the k (bottom- or top-specific blocks) whose task-specific parameter share,
    /// <see cref="Reports.ParameterReport.TaskSpecificShare"/>, is nearest a target, by counting the
    /// backbone's parameters exactly. The backbone is not changed.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="backbone">The backbone the plan is for; it must publish its blocks.</param>
    /// <param name="targetShare">The wanted share, in [0, 1].</param>
    /// <param name="side">Bottom- or top-specific.</param>
    /// <returns>The chosen plan, its k and the share it reaches.</returns>
    public static BudgetedPlan ForBudget(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, nn.Module backbone, double targetShare, BudgetSide side)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (targetShare is < 0 or > 1 || double.IsNaN(targetShare))
        {
            throw new ArgumentOutOfRangeException(nameof(targetShare), targetShare, "the target share must be between 0 and 1");
        }

        var blocks = (backbone as IBlockStructured)?.Blocks
            ?? throw new ArgumentException($"ForBudget needs a backbone that publishes its blocks (IBlockStructured); {backbone.GetType().Name} does not", nameof(backbone));
        var taskList = tasks.ToList();
        BudgetedPlan? best = null;
        for (var k = 0; k <= blocks.Count; k++)
        {
            var plan = EdgeSpecific(taskList, heads, k, side == BudgetSide.Top);
            var share = plan.Describe(backbone).TaskSpecificShare;
            if (best is null || Math.Abs(share - targetShare) < Math.Abs(best.Share - targetShare))
            {
                best = new BudgetedPlan(plan, k, share, targetShare);
            }
        }

        return best!;
    }

    private static SharingPlan EdgeSpecific(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, int k, bool fromTop)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var plan = SharingPlan.For(tasks, heads);
        return k == 0 ? plan : plan.PerTask(fromTop ? LayerSelector.TopBlocks(k) : LayerSelector.BottomBlocks(k));
    }
}
