using System.Globalization;
using System.Text;
using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>
/// Says, from the measured numbers, whether the paper's two observations hold here:
/// (1) at a matched task-specific budget, bottom-specific beats top-specific;
/// (2) bottom-specific with a small task-specific share comes close to independent models.
/// </summary>
internal static class Verdict
{
    public static string Describe(IReadOnlyList<LayoutSummary> summaries)
    {
        var text = new StringBuilder();
        var bottoms = summaries.Where(s => s.Layout.Kind == "bottom").ToList();
        var tops = summaries.Where(s => s.Layout.Kind == "top").ToDictionary(s => s.Layout.TargetShare!.Value);
        var pairs = bottoms.Where(b => tops.ContainsKey(b.Layout.TargetShare!.Value)).Select(b => (Bottom: b, Top: tops[b.Layout.TargetShare!.Value])).ToList();
        if (pairs.Count > 0)
        {
            var wins = pairs.Count(p => p.Bottom.MeanAccuracy.Mean > p.Top.MeanAccuracy.Mean);
            text.AppendLine(F($"Observation 1 (bottom-specific beats top-specific at a matched budget): bottom wins at {wins} of {pairs.Count} budgets."));
            foreach (var (bottom, top) in pairs)
            {
                text.AppendLine(F($"  target {PercentFormat.Format(bottom.Layout.TargetShare!.Value, 0)}: bottom {bottom.MeanAccuracy.Mean * 100:F2}% (share {PercentFormat.Format(bottom.TaskSpecificShare, 1)}, k={bottom.Blocks}) vs top {top.MeanAccuracy.Mean * 100:F2}% (share {PercentFormat.Format(top.TaskSpecificShare, 1)}, k={top.Blocks}); difference {(bottom.MeanAccuracy.Mean - top.MeanAccuracy.Mean) * 100:+0.00;-0.00} points, seed std {bottom.MeanAccuracy.Std * 100:F2} / {top.MeanAccuracy.Std * 100:F2}"));
            }
        }

        var independent = summaries.FirstOrDefault(s => s.Layout.Kind == "independent");
        var smallest = bottoms.OrderBy(b => b.TaskSpecificShare).FirstOrDefault();
        if (independent is not null && smallest is not null)
        {
            var gap = (independent.MeanAccuracy.Mean - smallest.MeanAccuracy.Mean) * 100;
            var relation = gap >= 0 ? F($"{gap:0.00} points below") : F($"{-gap:0.00} points above");
            text.AppendLine(F($"Observation 2 (a small bottom-specific share comes close to independent models): {smallest.Layout.Label} reaches {smallest.MeanAccuracy.Mean * 100:F2}% with {PercentFormat.Format(smallest.TaskSpecificShare, 1)} task-specific parameters, {relation} independent ({independent.MeanAccuracy.Mean * 100:F2}%, {independent.TotalParameters:N0} parameters against {smallest.TotalParameters:N0})."));
        }

        return text.Length == 0 ? "Run both top and bottom layouts (and independent) to compare with the paper." : text.ToString().TrimEnd();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
