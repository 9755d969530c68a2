using System.Globalization;
using MtlSharing.Metrics;
using Spectre.Console;

namespace RethinkingSharing;

/// <summary>One setting's results as a console table.</summary>
internal static class StudyTable
{
    public static Table For(IReadOnlyList<ArmSummary> setting)
    {
        var first = setting[0].Setting;
        var table = new Table().Title(Markup.Escape($"{first.Key} (width {first.Width}): test accuracy (%), mean ± std over seeds"));
        table.AddColumn("layout");
        table.AddColumn("BN");
        table.AddColumn(new TableColumn("m").RightAligned());
        foreach (var task in first.Tasks)
        {
            table.AddColumn(new TableColumn(task).RightAligned());
        }

        foreach (var header in new[] { "mean", "95% CI", "Δ_MTL", "specific share", "parameters", "train s" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var s in setting)
        {
            var cells = new List<string> { s.Arm.Layout, s.Arm.RegimeName, s.Layers?.ToString(CultureInfo.InvariantCulture) ?? "–" };
            cells.AddRange(first.Tasks.Select(t => s.TaskAccuracy[t].Scale(100).ToString(2)));
            cells.Add(s.MeanAccuracy.Scale(100).ToString(2));
            cells.Add((s.HalfWidth95 * 100).ToString("±0.00", CultureInfo.InvariantCulture));
            cells.Add(s.DeltaMtl is { } d ? PercentFormat.FormatSigned(d) : "–");
            cells.Add(PercentFormat.Format(s.TaskSpecificShare));
            cells.Add(s.TotalParameters.ToString("N0", CultureInfo.InvariantCulture));
            cells.Add(s.TrainingSeconds.Mean.ToString("F0", CultureInfo.InvariantCulture));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }
}
