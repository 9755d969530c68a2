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
    /// Chooses the bottom- or top-specific plan whose task-specific parameter share,
    /// <see cref="Reports.ParameterReport.TaskSpecificShare"/>, is nearest a target, by counting the
    /// backbone's parameters exactly for every candidate: k = 0 … all blocks, or m = 0 … all
    /// parameterised layers. The result says whether the share it reached is within tolerance of
    /// the target (<see cref="BudgetedPlan.IsMatched"/>); it never substitutes another layout.
    /// The backbone is not changed.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="backbone">The backbone the plan is for; at block granularity it must publish its blocks.</param>
    /// <param name="targetShare">The wanted share, in [0, 1].</param>
    /// <param name="side">Bottom- or top-specific.</param>
    /// <param name="granularity">Whole blocks (the default) or single layers.</param>
    /// <param name="options">Options every candidate plan gets, e.g. per-task BatchNorm, so the share counts them too.</param>
    /// <returns>The chosen plan, its k or m, and the share it reaches.</returns>
    public static BudgetedPlan ForBudget(
        IEnumerable<string> tasks,
        Func<string, nn.Module<Tensor, Tensor>> heads,
        nn.Module backbone,
        double targetShare,
        BudgetSide side,
        BudgetGranularity granularity = BudgetGranularity.Blocks,
        SharingPlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (targetShare is < 0 or > 1 || double.IsNaN(targetShare))
        {
            throw new ArgumentOutOfRangeException(nameof(targetShare), targetShare, "the target share must be between 0 and 1");
        }

        var taskList = tasks.ToList();
        var fromTop = side == BudgetSide.Top;
        BudgetedPlan? best = null;
        for (var count = 0; count <= Candidates(backbone, granularity); count++)
        {
            var plan = granularity == BudgetGranularity.Layers ? EdgeLayers(taskList, heads, count, fromTop) : EdgeSpecific(taskList, heads, count, fromTop);
            plan = options is null ? plan : plan.With(options);
            var share = plan.Describe(backbone).TaskSpecificShare;
            if (best is null || Math.Abs(share - targetShare) < Math.Abs(best.Share - targetShare))
            {
                best = new BudgetedPlan(plan, side, granularity, count, share, targetShare);
            }
        }

        return best!;
    }

    /// <summary>
    /// A bottom- and a top-specific plan for the same target share, each chosen by
    /// <see cref="ForBudget"/>, so the two sides can be compared at a matched budget. Check
    /// <see cref="MatchedBudget.IsMatched"/>: where one side cannot come near the target (one
    /// top block of a ResNet holds most of its parameters), say so rather than compare.
    /// </summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <param name="backbone">The backbone the plans are for.</param>
    /// <param name="targetShare">The wanted share, in [0, 1].</param>
    /// <param name="granularity">Single layers (the default) or whole blocks.</param>
    /// <param name="options">Options both plans get.</param>
    /// <returns>Both choices.</returns>
    public static MatchedBudget ForMatchedBudget(
        IEnumerable<string> tasks,
        Func<string, nn.Module<Tensor, Tensor>> heads,
        nn.Module backbone,
        double targetShare,
        BudgetGranularity granularity = BudgetGranularity.Layers,
        SharingPlanOptions? options = null)
    {
        var taskList = tasks.ToList();
        return new MatchedBudget(
            ForBudget(taskList, heads, backbone, targetShare, BudgetSide.Bottom, granularity, options),
            ForBudget(taskList, heads, backbone, targetShare, BudgetSide.Top, granularity, options));
    }

    private static int Candidates(nn.Module backbone, BudgetGranularity granularity) => granularity switch
    {
        BudgetGranularity.Layers => new LayerCatalog(backbone).ParameterisedLayers.Count,
        BudgetGranularity.Blocks => (backbone as IBlockStructured)?.Blocks.Count
            ?? throw new ArgumentException($"ForBudget at block granularity needs a backbone that publishes its blocks (IBlockStructured); {backbone.GetType().Name} does not, so use BudgetGranularity.Layers", nameof(backbone)),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "the granularities are Blocks and Layers"),
    };

    private static SharingPlan EdgeLayers(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, int m, bool fromTop)
    {
        var plan = SharingPlan.For(tasks, heads);
        return m == 0 ? plan : plan.PerTask(fromTop ? LayerSelector.TopLayers(m) : LayerSelector.BottomLayers(m));
    }

    private static SharingPlan EdgeSpecific(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, int k, bool fromTop)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var plan = SharingPlan.For(tasks, heads);
        return k == 0 ? plan : plan.PerTask(fromTop ? LayerSelector.TopBlocks(k) : LayerSelector.BottomBlocks(k));
    }
}
