using System.Globalization;
using System.Text;
using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>Writes the study's results as CSV (every run and every arm, each row naming its setting and precision) and Markdown.</summary>
internal static class ResultFiles
{
    private const string SettingColumns = "part,backbone,width,task_count,layout,kind,budget,regime,layers";

    public static void WriteRunsCsv(string path, IReadOnlyList<RunResult> runs, Precision precision)
    {
        var tasks = AllTasks(runs.Select(r => r.Setting));
        var text = new StringBuilder();
        text.AppendLine($"{SettingColumns},seed,{string.Join(",", tasks.Select(t => $"accuracy_{t}"))},mean_accuracy,task_specific_share,total_parameters,training_seconds,precision");
        foreach (var r in runs)
        {
            var accuracies = tasks.Select(t => r.Accuracy.TryGetValue(t, out var a) ? a.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
            text.AppendLine(F($"{Setting(r.Setting, r.Arm, r.Layers)},{r.Seed},{string.Join(",", accuracies)},{r.MeanAccuracy:R},{r.TaskSpecificShare:R},{r.TotalParameters},{r.TrainingSeconds:F2},{precision.Name}"));
        }

        File.WriteAllText(path, text.ToString());
    }

    public static void WriteSummaryCsv(string path, IReadOnlyList<ArmSummary> summaries, Precision precision)
    {
        var tasks = AllTasks(summaries.Select(s => s.Setting));
        var text = new StringBuilder();
        text.AppendLine($"{SettingColumns},seeds,{string.Join(",", tasks.Select(t => $"accuracy_{t}_mean,accuracy_{t}_std"))},mean_accuracy,mean_accuracy_std,mean_accuracy_ci95,delta_mtl,task_specific_share,total_parameters,training_seconds,precision");
        foreach (var s in summaries)
        {
            var perTask = tasks.Select(t => s.TaskAccuracy.TryGetValue(t, out var a) ? F($"{a.Mean:R},{a.Std:R}") : ",");
            text.AppendLine(F($"{Setting(s.Setting, s.Arm, s.Layers)},{s.MeanAccuracy.Count},{string.Join(",", perTask)},{s.MeanAccuracy.Mean:R},{s.MeanAccuracy.Std:R},{s.HalfWidth95:R},{s.DeltaMtl:R},{s.TaskSpecificShare:R},{s.TotalParameters},{s.TrainingSeconds.Mean:F2},{precision.Name}"));
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>One table per setting: accuracy per task, mean with its 95% interval, Δ_MTL, share, parameters and time.</summary>
    public static string Markdown(IReadOnlyList<ArmSummary> summaries)
    {
        var text = new StringBuilder();
        foreach (var setting in summaries.GroupBy(s => s.Setting.Key))
        {
            var tasks = setting.First().Setting.Tasks;
            text.AppendLine(F($"### {setting.Key} (width {setting.First().Setting.Width})"));
            text.AppendLine();
            text.AppendLine("| layout | BN | m | " + string.Join(" | ", tasks) + " | mean accuracy | 95% interval | Δ_MTL vs independent | task-specific share | parameters | training s |");
            text.AppendLine("|---|---|---:|" + string.Concat(tasks.Select(_ => "---:|")) + "---:|---:|---:|---:|---:|---:|");
            foreach (var s in setting)
            {
                var cells = tasks.Select(t => s.TaskAccuracy[t].Scale(100).ToString(2));
                text.AppendLine(F($"| {s.Arm.Layout} | {s.Arm.RegimeName} | {s.Layers?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {string.Join(" | ", cells)} | {s.MeanAccuracy.Scale(100).ToString(2)} | ±{s.HalfWidth95 * 100:F2} | {(s.DeltaMtl is { } d ? PercentFormat.FormatSigned(d) : "–")} | {PercentFormat.Format(s.TaskSpecificShare)} | {s.TotalParameters:N0} | {s.TrainingSeconds.Mean:F0} |"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Setting(StudySetting setting, Arm arm, int? layers) =>
        F($"{setting.Part},{setting.Backbone},{setting.Width},{setting.TaskCount},{arm.Layout},{arm.KindName},{arm.Budget?.Label},{arm.RegimeName},{layers}");

    /// <summary>Every task of the settings, in the order they first appear (the domains' order).</summary>
    private static List<string> AllTasks(IEnumerable<StudySetting> settings) => [.. settings.SelectMany(s => s.Tasks).Distinct()];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
