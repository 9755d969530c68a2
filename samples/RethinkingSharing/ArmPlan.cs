using System.Globalization;
using MtlSharing.Plans;
using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>
/// An arm's plan for a backbone, or the reason it does not run. Budgets are matched at layer
/// granularity (<see cref="SharingPresets.ForBudget"/> with <see cref="BudgetGranularity.Layers"/>),
/// counting the regime's per-task BatchNorm in the share.
/// </summary>
/// <param name="Plan">The plan, or null when the arm cannot run.</param>
/// <param name="Budget">For bottom and top: the layers chosen and the share reached.</param>
/// <param name="Skipped">Why the arm does not run: its side cannot come within tolerance of the target.</param>
internal sealed record ArmPlan(SharingPlan? Plan, BudgetedPlan? Budget, string? Skipped)
{
    public static ArmPlan For(Arm arm, IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, nn.Module backbone)
    {
        var options = arm.Regime == NormRegime.PerTask ? new SharingPlanOptions { PerTaskBatchNorm = true } : null;
        SharingPlan WithRegime(SharingPlan plan) => options is null ? plan : plan.With(options);
        return arm.Kind switch
        {
            ArmKind.Independent => new ArmPlan(WithRegime(SharingPresets.Independent(tasks, heads)), null, null),
            ArmKind.Shared or ArmKind.SharedUncertainty => new ArmPlan(WithRegime(SharingPresets.FullyShared(tasks, heads)), null, null),
            ArmKind.NormOnly => new ArmPlan(SharingPresets.NormOnly(tasks, heads), null, null),
            _ => Budgeted(arm, tasks, heads, backbone, options),
        };
    }

    private static ArmPlan Budgeted(Arm arm, IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, nn.Module backbone, SharingPlanOptions? options)
    {
        var point = arm.Budget ?? throw new ArgumentException($"the {arm.KindName} layout needs a budget");
        var side = arm.Kind == ArmKind.Top ? BudgetSide.Top : BudgetSide.Bottom;
        var target = point.Target ?? TopShare(point.TopLayers!.Value, tasks, heads, backbone, options);
        var chosen = point.TopLayers is { } m && side == BudgetSide.Top
            ? new BudgetedPlan(TopLayers(m, tasks, heads, options), side, BudgetGranularity.Layers, m, target, target)
            : SharingPresets.ForBudget(tasks, heads, backbone, target, side, BudgetGranularity.Layers, options);
        return chosen.IsMatched
            ? new ArmPlan(chosen.Plan, chosen, null)
            : new ArmPlan(null, chosen, string.Create(CultureInfo.InvariantCulture, $"{arm.Label}: not run, the nearest {chosen}"));
    }

    /// <summary>The task-specific share of the plan with the last m layers per task.</summary>
    private static double TopShare(int m, IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, nn.Module backbone, SharingPlanOptions? options) =>
        TopLayers(m, tasks, heads, options).Describe(backbone).TaskSpecificShare;

    private static SharingPlan TopLayers(int m, IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads, SharingPlanOptions? options)
    {
        var plan = SharingPlan.For(tasks, heads).PerTask(LayerSelector.TopLayers(m));
        return options is null ? plan : plan.With(options);
    }
}
