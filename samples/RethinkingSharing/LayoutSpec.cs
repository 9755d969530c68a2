using System.Globalization;
using MtlSharing.Plans;
using TorchSharp;

namespace RethinkingSharing;

/// <summary>One layout of the study: independent, fully shared, or top/bottom-specific at a parameter budget.</summary>
/// <param name="Kind">independent, shared, top or bottom.</param>
/// <param name="TargetShare">For top and bottom: the task-specific share asked of ForBudget.</param>
internal sealed record LayoutSpec(string Kind, double? TargetShare)
{
    public static readonly string[] Kinds = ["independent", "shared", "top", "bottom"];

    public string Label => TargetShare is { } share ? string.Create(CultureInfo.InvariantCulture, $"{Kind}@{share:0.##%}") : Kind;

    /// <summary>Expands layout names over the budgets: top and bottom once per budget; a layout named twice runs once.</summary>
    public static IReadOnlyList<LayoutSpec> Expand(IEnumerable<string> kinds, IReadOnlyList<double> budgets) =>
        kinds.SelectMany(kind => kind switch
        {
            "independent" or "shared" => [new LayoutSpec(kind, null)],
            "top" or "bottom" => budgets.Select(b => new LayoutSpec(kind, b)),
            _ => throw new ArgumentException($"unknown layout '{kind}'; valid layouts are {string.Join(", ", Kinds)}"),
        }).Distinct().ToList();

    /// <summary>The plan for this layout, with the share it reaches and, for budgets, its k.</summary>
    public (SharingPlan Plan, int? Blocks) Plan(IReadOnlyList<string> tasks, Func<string, torch.nn.Module<torch.Tensor, torch.Tensor>> heads, torch.nn.Module backbone)
    {
        switch (Kind)
        {
            case "independent":
                return (SharingPresets.Independent(tasks, heads), null);
            case "shared":
                return (SharingPresets.FullyShared(tasks, heads), null);
            default:
                var chosen = SharingPresets.ForBudget(tasks, heads, backbone, TargetShare!.Value, Kind == "top" ? BudgetSide.Top : BudgetSide.Bottom);
                return (chosen.Plan, chosen.Count);
        }
    }
}
