using System.Globalization;
using System.Text;
using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>Writes the study's results as CSV (every run and every layout, each row naming its precision) and Markdown.</summary>
internal static class ResultFiles
{
    public static void WriteRunsCsv(string path, IReadOnlyList<RunResult> runs, IReadOnlyList<string> tasks, Precision precision)
    {
        var text = new StringBuilder();
        text.AppendLine("layout,kind,target_share,blocks,seed," + string.Join(",", tasks.Select(t => $"accuracy_{t}")) + ",mean_accuracy,task_specific_share,total_parameters,training_seconds,precision");
        foreach (var r in runs)
        {
            text.AppendLine(Invariant($"{r.Layout.Label},{r.Layout.Kind},{r.Layout.TargetShare},{r.Blocks},{r.Seed},{string.Join(",", tasks.Select(t => r.Accuracy[t].ToString("R", CultureInfo.InvariantCulture)))},{r.MeanAccuracy:R},{r.TaskSpecificShare:R},{r.TotalParameters},{r.TrainingSeconds:F2},{precision.Name}"));
        }

        File.WriteAllText(path, text.ToString());
    }

    public static void WriteSummaryCsv(string path, IReadOnlyList<LayoutSummary> summaries, IReadOnlyList<string> tasks, Precision precision)
    {
        var text = new StringBuilder();
        text.AppendLine("layout,blocks," + string.Join(",", tasks.Select(t => $"accuracy_{t}_mean,accuracy_{t}_std")) + ",mean_accuracy,mean_accuracy_std,delta_mtl,task_specific_share,total_parameters,training_seconds,precision");
        foreach (var s in summaries)
        {
            var perTask = string.Join(",", tasks.Select(t => Invariant($"{s.TaskAccuracy[t].Mean:R},{s.TaskAccuracy[t].Std:R}")));
            text.AppendLine(Invariant($"{s.Layout.Label},{s.Blocks},{perTask},{s.MeanAccuracy.Mean:R},{s.MeanAccuracy.Std:R},{s.DeltaMtl:R},{s.TaskSpecificShare:R},{s.TotalParameters},{s.TrainingSeconds.Mean:F2},{precision.Name}"));
        }

        File.WriteAllText(path, text.ToString());
    }

    public static string Markdown(IReadOnlyList<LayoutSummary> summaries, IReadOnlyList<string> tasks)
    {
        var text = new StringBuilder();
        text.AppendLine("| layout | k | " + string.Join(" | ", tasks) + " | mean accuracy | Δ_MTL vs independent | task-specific share | parameters | training s |");
        text.AppendLine("|---|---:|" + string.Concat(tasks.Select(_ => "---:|")) + "---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var cells = tasks.Select(t => s.TaskAccuracy[t].Scale(100).ToString(2));
            text.AppendLine(Invariant($"| {s.Layout.Label} | {s.Blocks?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {string.Join(" | ", cells)} | {s.MeanAccuracy.Scale(100).ToString(2)} | {(s.DeltaMtl is { } d ? PercentFormat.FormatSigned(d) : "–")} | {PercentFormat.Format(s.TaskSpecificShare)} | {s.TotalParameters:N0} | {s.TrainingSeconds.Mean:F0} |"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
