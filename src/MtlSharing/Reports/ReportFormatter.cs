using System.Globalization;
using System.Text;

namespace MtlSharing.Reports;

/// <summary>Renders a <see cref="ParameterReport"/> as text, Markdown or CSV.</summary>
internal static class ReportFormatter
{
    private static readonly string[] Header = ["layer", "type", "mode", "copies", "per copy", "total"];

    public static string Text(ParameterReport report)
    {
        var rows = Table(report);
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Prepend(Header).Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(Header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c >= 3 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        }

        text.AppendLine();
        foreach (var (name, value) in Totals(report))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {value}");
        }

        return text.ToString();
    }

    public static string Markdown(ParameterReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Join("|", Header.Select((_, c) => c >= 3 ? "---:" : "---")) + "|");
        foreach (var row in Table(report))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        text.AppendLine();
        text.AppendLine("| total | value |");
        text.AppendLine("|---|---:|");
        foreach (var (name, value) in Totals(report))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        return text.ToString();
    }

    public static string Csv(ParameterReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("kind,layer,type,mode,copies,per_copy,total");
        foreach (var layer in report.Layers)
        {
            var copies = layer.Copies(report.Tasks.Count);
            text.AppendLine(Invariant($"layer,{Quote(layer.Path)},{Quote(layer.Type)},{Quote(layer.Mode.ToString())},{copies},{layer.ParametersPerCopy},{layer.ParametersPerCopy * copies}"));
        }

        foreach (var (task, count) in report.Heads)
        {
            text.AppendLine(Invariant($"head,{Quote(task)},,task head,1,{count},{count}"));
        }

        text.AppendLine(Invariant($"total,shared,,,,,{report.Shared}"));
        foreach (var (task, usage) in report.PerTask)
        {
            text.AppendLine(Invariant($"total,task {Quote(task)} used,,,,,{usage.Used}"));
            text.AppendLine(Invariant($"total,task {Quote(task)} own,,,,,{usage.Own}"));
            text.AppendLine(Invariant($"total,task {Quote(task)} attributed,,,,,{usage.Attributed}"));
        }

        foreach (var (group, count) in report.PerGroup)
        {
            text.AppendLine(Invariant($"total,group {Quote(group)},,,,,{count}"));
        }

        text.AppendLine(Invariant($"total,model,,,,,{report.Total}"));
        text.AppendLine(Invariant($"total,independent models,,,,,{report.Independent}"));
        text.AppendLine(Invariant($"total,task-specific share,,,,,{report.TaskSpecificShare:R}"));
        text.AppendLine(Invariant($"total,bytes at float32,,,,,{report.BytesFloat32}"));
        return text.ToString();
    }

    private static List<string[]> Table(ParameterReport report)
    {
        var rows = report.Layers.Select(l =>
        {
            var copies = l.Copies(report.Tasks.Count);
            return new[] { l.Path, l.Type, l.Mode.ToString(), N(copies), N(l.ParametersPerCopy), N(l.ParametersPerCopy * copies) };
        }).ToList();
        rows.AddRange(report.Heads.Select(h => new[] { $"head[{h.Key}]", "head", "task head", "1", N(h.Value), N(h.Value) }));
        return rows;
    }

    private static IEnumerable<(string Name, string Value)> Totals(ParameterReport report)
    {
        yield return ("shared", N(report.Shared));
        foreach (var (task, usage) in report.PerTask)
        {
            yield return ($"task {task}", $"uses {N(usage.Used)}, owns {N(usage.Own)}, group copies {N(usage.Grouped)}, attributed {N(usage.Attributed)}");
        }

        foreach (var (group, count) in report.PerGroup)
        {
            yield return ($"group {group}", N(count));
        }

        yield return ("model", N(report.Total));
        yield return (Invariant($"{report.Tasks.Count} independent models"), Invariant($"{N(report.Independent)} (this model is {report.FractionOfIndependent:P1} of that)"));
        yield return ("task-specific share", report.TaskSpecificShare.ToString("P2", CultureInfo.InvariantCulture));
        yield return ("bytes at float32", N(report.BytesFloat32));
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
