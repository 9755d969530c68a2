namespace MtlSharing.Reports;

/// <summary>The parameters one task touches and owns.</summary>
/// <param name="Used">Everything its forward pass uses: shared layers, its copies, its groups' copies and its head.</param>
/// <param name="Own">Its per-task copies and its head.</param>
/// <param name="Grouped">The group copies it uses (shared with the other tasks of its groups).</param>
/// <param name="Attributed">Own plus its share of each group copy (the copy's size over the group's size, rounded down).</param>
public sealed record TaskParameters(long Used, long Own, long Grouped, long Attributed);
