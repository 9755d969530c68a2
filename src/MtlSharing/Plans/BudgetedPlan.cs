namespace MtlSharing.Plans;

/// <summary>Which bottom- or top-specific plan a parameter budget chose.</summary>
/// <param name="Plan">The chosen plan.</param>
/// <param name="Blocks">Its k: how many blocks are task-specific.</param>
/// <param name="Share">The task-specific parameter share it reaches.</param>
/// <param name="TargetShare">The share that was asked for.</param>
public sealed record BudgetedPlan(SharingPlan Plan, int Blocks, double Share, double TargetShare);

/// <summary>Which end of the network gets the task-specific blocks.</summary>
public enum BudgetSide
{
    /// <summary>The input side: bottom-specific.</summary>
    Bottom,

    /// <summary>The output side: top-specific.</summary>
    Top,
}
