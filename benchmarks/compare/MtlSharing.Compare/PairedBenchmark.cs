using System.Diagnostics;
using MtlSharing.Training;

namespace MtlSharing.Compare;

/// <summary>
/// Measures MtlSharing's routing against the hand-written TorchSharp loop in one process
/// (<c>--side paired</c>): both models of a layout are built with the same options, memory format
/// and batches, and their single training steps (<see cref="TrainingRun.Step"/>, the same step
/// function) alternate in ABBA order — A B, B A, A B, … with A MtlSharing and B the hand-written
/// model — after the warm-up steps of each, in the same order. Each step is timed on its own. Pair
/// i is the i-th A step and the i-th B step, adjacent in time, so the machine's slow drift cancels
/// in each pair's ratio; the ABBA order gives each side the first place in half the pairs and a
/// predecessor of either side equally often, so order and cache effects cancel too. The line
/// reports both sides' median step times and images/s, the median over pairs of the ratio of
/// throughputs MtlSharing / hand-written (hand-written step time / MtlSharing step time) with a
/// 95% interval (<see cref="PairedStatistics"/>), the overhead 1 − ratio in percent, and the
/// verdict against the target "routing costs under 2%" (ratio ≥ 0.98).
/// </summary>
internal static class PairedBenchmark
{
    /// <summary>The lowest ratio MtlSharing / hand-written that meets the target (routing costs under 2%).</summary>
    public const double Target = 0.98;

    /// <summary>The order of the steps of a number of pairs: A for MtlSharing, B for the hand-written model, ABBA ABBA ….</summary>
    public static string Order(int pairs) =>
        string.Concat(Enumerable.Range(0, pairs).Select(i => i % 2 == 0 ? "AB" : "BA"));

    public static ResultLine Run(Layout layout, BenchMode mode, CompareOptions options)
    {
        using var ours = TrainingRun.Start(Side.MtlSharing, layout, mode, options);
        using var hand = TrainingRun.Start(Side.HandWritten, layout, mode, options);
        if (ours.Parameters != hand.Parameters)
        {
            throw new InvalidOperationException($"{layout.Name}: MtlSharing's model has {ours.Parameters} parameters, the hand-written one {hand.Parameters}");
        }

        var warmup = mode.WarmupSteps(options.Warmup);
        foreach (var side in Order(warmup))
        {
            (side == 'A' ? ours : hand).Step();
        }

        var oursMs = new List<double>(options.Pairs);
        var handMs = new List<double>(options.Pairs);
        var losses = (Ours: 0.0, Hand: 0.0);
        foreach (var side in Order(options.Pairs))
        {
            var clock = Stopwatch.StartNew();
            var loss = (side == 'A' ? ours : hand).Step();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (side == 'A')
            {
                oursMs.Add(ms);
                losses.Ours = loss;
            }
            else
            {
                handMs.Add(ms);
                losses.Hand = loss;
            }
        }

        var ratios = handMs.Zip(oursMs, (h, o) => h / o).ToList();
        var ratio = PairedStatistics.Median(ratios);
        var (low, high, coverage) = PairedStatistics.MedianInterval(ratios);
        var images = (double)options.Tasks * options.Batch;
        var (oursMedian, handMedian) = (PairedStatistics.Median(oursMs), PairedStatistics.Median(handMs));
        var line = new ResultLine(options, layout.Name, mode)
            .With("params", ours.Parameters)
            .With("order", "ABBA")
            .With("pairs", options.Pairs)
            .With("warmup", warmup)
            .With("mtlsharing_ms_per_step", oursMedian)
            .With("handwritten_ms_per_step", handMedian)
            .With("mtlsharing_images_per_second", 1000 * images / oursMedian)
            .With("handwritten_images_per_second", 1000 * images / handMedian)
            .With("ratio", ratio)
            .With("ratio_low", low)
            .With("ratio_high", high)
            .With("interval_coverage", coverage)
            .With("overhead_percent", 100 * (1 - ratio))
            .With("target", Target)
            .With("verdict", PairedStatistics.Verdict(low, high, coverage, Target))
            .With("mtlsharing_final_loss", losses.Ours)
            .With("handwritten_final_loss", losses.Hand)
            .With("mtlsharing_ms", oursMs)
            .With("handwritten_ms", handMs);
        return mode.Bf16 ? line.With("cpu_supports_fast_bf16", Autocast.CpuSupportsFastBFloat16) : line;
    }
}
