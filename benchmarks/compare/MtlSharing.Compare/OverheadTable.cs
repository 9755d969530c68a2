using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MtlSharing.Compare;

/// <summary>
/// The Markdown table of the paired side's JSON lines (<see cref="PairedBenchmark"/>) that
/// overhead.sh prints and writes to results.md: per layout and mode, both sides' images/s, the
/// ratio with its interval, the overhead and the verdict against "routing costs under 2%".
/// </summary>
internal static class OverheadTable
{
    public static string Markdown(IEnumerable<string> jsonLines, string? command = null)
    {
        var lines = jsonLines.Where(l => l.TrimStart().StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(l => l.GetProperty("framework").GetString() == Side.Paired.Framework)
            .ToList();
        if (lines.Count == 0)
        {
            throw new UsageException("no lines of the paired side");
        }

        string Distinct(Func<JsonElement, string> text) => string.Join(" | ", lines.Select(text).Distinct());
        var md = new StringBuilder();
        md.AppendLine("# MtlSharing against the hand-written TorchSharp loop, paired in one process").AppendLine();
        md.AppendLine(Invariant($"ResNet-18, {Distinct(l => $"{l.GetProperty("stem").GetString()} stem at {l.GetProperty("image_size").GetInt32()}x{l.GetProperty("image_size").GetInt32()}")}; ") +
            Invariant($"{Distinct(l => $"{l.GetProperty("tasks").GetInt32()} tasks x {l.GetProperty("batch").GetInt32()} images")} per step; ") +
            Invariant($"{Distinct(l => $"{l.GetProperty("threads").GetInt32()}")} threads; memory format {Distinct(l => l.GetProperty("memory_format").GetString()!)}."));
        if (!string.IsNullOrEmpty(command))
        {
            md.AppendLine().AppendLine($"Command: `{command}`");
        }

        md.AppendLine().AppendLine(Invariant(
            $"Single training steps alternate in ABBA order (A MtlSharing, B hand-written) after the warm-up. The ratio is the median over pairs of each pair's ratio of throughputs (MtlSharing / hand-written); the interval is the distribution-free order-statistic interval for that median, with at least 95% coverage (a lower coverage is given in parentheses when there are fewer than 6 pairs, and then there is no verdict). Target \"routing costs under 2%\": met if the interval's lower end is at least {PairedBenchmark.Target:0.00}, missed if its upper end is below {PairedBenchmark.Target:0.00}, otherwise not resolved."));
        md.AppendLine().AppendLine("| layout | mode | MtlSharing img/s | hand-written img/s | ratio [95% interval] | overhead % | pairs | verdict |");
        md.AppendLine("|---|---|---:|---:|---|---:|---:|---|");
        foreach (var l in lines)
        {
            double Number(string key) => l.GetProperty(key).GetDouble();
            var coverage = Number("interval_coverage");
            var shortfall = coverage < 0.95 ? Invariant($" ({100 * coverage:0}%)") : string.Empty;
            md.AppendLine(Invariant(
                $"| {l.GetProperty("layout").GetString()} | {l.GetProperty("mode").GetString()} | {Number("mtlsharing_images_per_second"):0.0} | {Number("handwritten_images_per_second"):0.0} | ") +
                Invariant($"{Number("ratio"):0.000} [{Number("ratio_low"):0.000}, {Number("ratio_high"):0.000}]{shortfall} | {Number("overhead_percent"):0.0} | {l.GetProperty("pairs").GetInt32()} | {l.GetProperty("verdict").GetString()} |"));
        }

        return md.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
