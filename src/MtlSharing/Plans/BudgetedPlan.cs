using System.Globalization;

namespace MtlSharing.Plans;

/// <summary>
/// Which bottom- or top-specific plan a parameter budget chose, the share it reaches and whether
/// that is close enough to the target to compare against another plan at the same budget.
/// </summary>
/// <param name="Plan">The chosen plan.</param>
/// <param name="Side">Which end of the network is task-specific.</param>
/// <param name="Granularity">Whether whole blocks or single layers were counted.</param>
/// <param name="Count">How many blocks (k) or layers (m) are task-specific.</param>
/// <param name="Share">The task-specific parameter share it reaches.</param>
/// <param name="TargetShare">The share that was asked for.</param>
public sealed record BudgetedPlan(SharingPlan Plan, BudgetSide Side, BudgetGranularity Granularity, int Count, double Share, double TargetShare)
{
    /// <summary>
    /// How far <see cref="Share"/> may lie from the target and still count as matched: one
    /// percentage point or a fifth of the target, whichever is looser.
    /// </summary>
    public double Tolerance => Math.Max(0.01, 0.2 * TargetShare);

    /// <summary>Whether the reached share lies within <see cref="Tolerance"/> of the target.</summary>
    public bool IsMatched => Math.Abs(Share - TargetShare) <= Tolerance;

    /// <summary>The choice in words, e.g. "bottom 7 layers: 10.2% task-specific (target 10%, matched)".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Side == BudgetSide.Top ? "top" : "bottom")} {Count} {(Granularity == BudgetGranularity.Layers ? "layers" : "blocks")}: {Share:0.0%} task-specific (target {TargetShare:0.#%}, {(IsMatched ? "matched" : $"NOT matched: more than {Tolerance:0.#%} away")})");
}

/// <summary>Which end of the network gets the task-specific layers.</summary>
public enum BudgetSide
{
    /// <summary>The input side: bottom-specific.</summary>
    Bottom,

    /// <summary>The output side: top-specific.</summary>
    Top,
}

/// <summary>What a parameter budget counts in.</summary>
public enum BudgetGranularity
{
    /// <summary>Whole published blocks (<c>BottomBlocks</c>/<c>TopBlocks</c>); coarse where one block holds much of the network.</summary>
    Blocks,

    /// <summary>Single parameterised layers (<c>BottomLayers</c>/<c>TopLayers</c>); fine enough to match small budgets on either side.</summary>
    Layers,
}

/// <summary>A bottom-specific and a top-specific plan chosen for the same target share.</summary>
/// <param name="Bottom">The bottom-specific choice.</param>
/// <param name="Top">The top-specific choice.</param>
public sealed record MatchedBudget(BudgetedPlan Bottom, BudgetedPlan Top)
{
    /// <summary>Whether both sides came within tolerance of the target, so that comparing them compares equal budgets.</summary>
    public bool IsMatched => Bottom.IsMatched && Top.IsMatched;
}
