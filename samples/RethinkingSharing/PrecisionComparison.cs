using System.Globalization;
using System.Text;
using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>
/// How much bfloat16 autocast moves the study's mean accuracy. Runs of the two precisions are
/// paired by setting, layout and seed (same initial weights, same batches), so the seed-to-seed spread
/// that both share cancels; what remains is the spread of the per-pair differences, from which
/// a 95% confidence interval for the mean difference follows.
/// </summary>
/// <param name="Pairs">The number of (setting and layout, seed) pairs.</param>
/// <param name="Fp32">Mean accuracy over the fp32 runs, in [0, 1].</param>
/// <param name="Bf16">Mean accuracy over the bf16 runs, in [0, 1].</param>
/// <param name="Difference">bf16 − fp32 per pair, in points: mean and standard deviation.</param>
/// <param name="Low">Lower end of the 95% confidence interval for the mean difference, in points.</param>
/// <param name="High">Upper end of that interval, in points.</param>
/// <param name="Tolerance">The tolerance the verdict tests, in points.</param>
internal sealed record PrecisionComparison(int Pairs, double Fp32, double Bf16, MeanAndStd Difference, double Low, double High, double Tolerance)
{
    /// <summary>The standard error of the mean difference, in points.</summary>
    public double StandardError => Difference.Std / Math.Sqrt(Pairs);

    /// <summary>Pairs the runs of both precisions by layout and seed and compares their mean accuracies.</summary>
    /// <param name="fp32">The float32 runs.</param>
    /// <param name="bf16">The bfloat16 runs of the same layouts and seeds.</param>
    /// <param name="tolerance">How many points of difference count as "the same".</param>
    /// <exception cref="ArgumentException">The two sets of runs do not pair up, or there are fewer than two pairs.</exception>
    public static PrecisionComparison FromRuns(IReadOnlyList<RunResult> fp32, IReadOnlyList<RunResult> bf16, double tolerance = 0.5)
    {
        var byKey = bf16.ToDictionary(r => (r.Key, r.Seed));
        if (fp32.Count != bf16.Count || fp32.Any(r => !byKey.ContainsKey((r.Key, r.Seed))))
        {
            throw new ArgumentException("the fp32 and bf16 runs must cover the same layouts and seeds");
        }

        if (fp32.Count < 2)
        {
            throw new ArgumentException("comparing precisions needs at least two runs of each (more layouts or seeds)");
        }

        var differences = MeanAndStd.Of(fp32.Select(r => (byKey[(r.Key, r.Seed)].MeanAccuracy - r.MeanAccuracy) * 100));
        var halfWidth = StudentT.Quantile975(fp32.Count - 1) * differences.Std / Math.Sqrt(fp32.Count);
        return new PrecisionComparison(
            fp32.Count,
            fp32.Average(r => r.MeanAccuracy),
            bf16.Average(r => r.MeanAccuracy),
            differences,
            differences.Mean - halfWidth,
            differences.Mean + halfWidth,
            tolerance);
    }

    /// <summary>
    /// "within": the whole 95% interval lies inside ±tolerance; "outside": it lies wholly beyond it;
    /// "not resolved": the interval straddles a boundary, so more pairs are needed.
    /// </summary>
    public string Verdict => Low >= -Tolerance && High <= Tolerance
        ? F($"within {Tolerance:0.##} points: the 95% interval lies inside ±{Tolerance:0.##}")
        : Low > Tolerance || High < -Tolerance
            ? F($"outside {Tolerance:0.##} points: the 95% interval lies wholly beyond ±{Tolerance:0.##}")
            : F($"not resolved at {Tolerance:0.##} points: the 95% interval crosses ±{Tolerance:0.##}; more seeds or layouts would narrow it");

    /// <summary>The comparison as Markdown: a table and the verdict.</summary>
    public string Markdown() => new StringBuilder()
        .AppendLine("| pairs | fp32 mean accuracy | bf16 mean accuracy | bf16 − fp32 (points) | std of pair differences | standard error | 95% interval |")
        .AppendLine("|---:|---:|---:|---:|---:|---:|---|")
        .AppendLine(F($"| {Pairs} | {Fp32 * 100:F2} | {Bf16 * 100:F2} | {Difference.Mean:+0.00;-0.00} | {Difference.Std:F2} | {StandardError:F2} | [{Low:+0.00;-0.00}, {High:+0.00;-0.00}] |"))
        .AppendLine()
        .AppendLine($"Verdict: {Verdict}.")
        .ToString();

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
