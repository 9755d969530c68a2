using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MtlSharing.DistributedBench;

/// <summary>
/// The Markdown report of distributed.sh from the result lines: per setting (tasks, batch,
/// precision) one row per layout with images per second of 1 rank × 1 thread, 1 rank × 2 threads
/// and 2 ranks × 1 thread (tasks everywhere, and spread), the 2-rank communication shares, and
/// the scaling efficiency images/s(2 ranks × 1 thread) / (2 × images/s(1 rank × 1 thread)).
/// Repeated lines of one configuration (rounds) are summarised by their median.
/// </summary>
internal static class ScalingTable
{
    /// <summary>Issue 15's target for the fully shared layout at batch 32 per task.</summary>
    public const double TargetEfficiency = 0.8;

    private static readonly (int Ranks, int Threads, string Placement) Alone = (1, 1, "everywhere");
    private static readonly (int Ranks, int Threads, string Placement) AloneTwoThreads = (1, 2, "everywhere");
    private static readonly (int Ranks, int Threads, string Placement) TwoRanks = (2, 1, "everywhere");
    private static readonly (int Ranks, int Threads, string Placement) TwoRanksSpread = (2, 1, "spread");

    public static string Markdown(IEnumerable<string> lines, string? command)
    {
        var runs = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(Run.Parse).ToList();
        var text = new StringBuilder();
        if (command is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{command}`").AppendLine();
        }

        foreach (var setting in runs.GroupBy(r => (r.Tasks, r.Batch, r.Autocast)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"**{setting.Key.Tasks} tasks × batch {setting.Key.Batch} per task per rank, {setting.Key.Autocast}** (ResNet-18, small-image stem, 32×32; medians over repeated lines)").AppendLine();
            text.AppendLine("| layout | 1×1 img/s | 1×2 img/s | 2×1 img/s | 2×1 comm. share | 2×1 efficiency | 2×1 / 1×2 | 2×1 spread img/s | spread comm. share | spread efficiency |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var layout in setting.GroupBy(r => r.Layout))
            {
                var alone = Median(layout, Alone, r => r.ImagesPerSecond);
                var twoThreads = Median(layout, AloneTwoThreads, r => r.ImagesPerSecond);
                var two = Median(layout, TwoRanks, r => r.ImagesPerSecond);
                var spread = Median(layout, TwoRanksSpread, r => r.ImagesPerSecond);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {layout.Key} | {F(alone, "F1")} | {F(twoThreads, "F1")} | {F(two, "F1")} | {Percent(Median(layout, TwoRanks, r => r.CommunicationShare))} | {F(Efficiency(two, alone), "F3")} | {F(two / twoThreads, "F3")} | {F(spread, "F1")} | {Percent(Median(layout, TwoRanksSpread, r => r.CommunicationShare))} | {F(Efficiency(spread, alone), "F3")} |");
            }

            text.AppendLine();
            if (setting.Key.Batch == 32)
            {
                var shared = setting.Where(r => r.Layout == "shared").ToList();
                var efficiency = Efficiency(Median(shared, TwoRanks, r => r.ImagesPerSecond), Median(shared, Alone, r => r.ImagesPerSecond));
                var verdict = double.IsNaN(efficiency) ? "not measured (needs shared at 1×1 and 2×1)" : efficiency >= TargetEfficiency ? "met" : "missed";
                text.AppendLine(CultureInfo.InvariantCulture, $"Target (issue 15): scaling efficiency ≥ {TargetEfficiency} for the fully shared layout at batch 32, 2 ranks × 1 thread: {F(efficiency, "F3")}, {verdict}.").AppendLine();
            }
        }

        var other = runs.Select(r => r.Configuration).Where(c => c != Alone && c != AloneTwoThreads && c != TwoRanks && c != TwoRanksSpread).Distinct().ToList();
        if (other.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Not in the tables (raw lines only): {string.Join(", ", other.Select(c => $"{c.Ranks}×{c.Threads} {c.Placement}"))}.").AppendLine();
        }

        text.AppendLine("1×2 is 1 rank × 2 threads, 2×1 is 2 ranks × 1 thread. Images/s count every rank's images; efficiency = images/s(2 ranks) / (2 × images/s(1×1)). The communication share is the time in collectives over the step time, averaged over ranks; on one machine it includes waiting for the slower rank, and loopback shared memory is far faster than a network.");
        return text.ToString();
    }

    private static double Efficiency(double ranks, double alone) => ranks / (2 * alone);

    private static double Median(IEnumerable<Run> runs, (int, int, string) configuration, Func<Run, double> value)
    {
        var values = runs.Where(r => r.Configuration == configuration).Select(value).Order().ToList();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double share) => double.IsNaN(share) ? "–" : (100 * share).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>The fields of a result line the table uses; a one-rank run counts as "everywhere" whatever its placement.</summary>
    private sealed record Run(int Tasks, int Batch, string Autocast, string Layout, (int Ranks, int Threads, string Placement) Configuration, double ImagesPerSecond, double CommunicationShare)
    {
        public static Run Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var ranks = root.GetProperty("ranks").GetInt32();
            return new Run(
                root.GetProperty("tasks").GetInt32(),
                root.GetProperty("batch").GetInt32(),
                root.GetProperty("autocast").GetString()!,
                root.GetProperty("layout").GetString()!,
                (ranks, root.GetProperty("threads").GetInt32(), ranks == 1 ? "everywhere" : root.GetProperty("placement").GetString()!),
                root.GetProperty("images_per_second").GetDouble(),
                root.GetProperty("communication_share").GetDouble());
        }
    }
}
