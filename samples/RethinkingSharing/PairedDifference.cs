using System.Globalization;

namespace RethinkingSharing;

/// <summary>
/// The mean accuracy of arm A minus that of arm B over runs paired by seed (the same shared initial
/// weights and the same batches), in points, with its 95% Student-t interval and a verdict.
/// </summary>
/// <param name="A">The first arm's name, e.g. "bottom".</param>
/// <param name="B">The second arm's name.</param>
/// <param name="Differences">A − B per seed, in points.</param>
internal sealed record PairedDifference(string A, string B, IReadOnlyList<double> Differences)
{
    public int Pairs => Differences.Count;

    public double Mean => Differences.Average();

    /// <summary>The half-width of the 95% interval (infinite with one pair: nothing is resolved).</summary>
    public double HalfWidth
    {
        get
        {
            if (Pairs < 2)
            {
                return double.PositiveInfinity;
            }

            var mean = Mean;
            var std = Math.Sqrt(Differences.Sum(d => (d - mean) * (d - mean)) / (Pairs - 1));
            return StudentT.Quantile975(Pairs - 1) * std / Math.Sqrt(Pairs);
        }
    }

    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    /// <summary>Whether every pair scored exactly the same: in practice, both arms trained the same model (for example two budgets that chose the same plan).</summary>
    public bool Identical => Differences.All(d => d == 0);

    /// <summary>"A wins" when the whole interval lies above 0, "B wins" when below, "identical" when every pair is equal, else "not resolved".</summary>
    public string Verdict => Identical ? "identical in every pair (the same model)" : Low > 0 ? $"{A} wins" : High < 0 ? $"{B} wins" : "not resolved";

    /// <summary>Pairs two arms' runs by seed; null when they share fewer than one seed.</summary>
    public static PairedDifference? Of(string a, IReadOnlyList<RunResult> runsA, string b, IReadOnlyList<RunResult> runsB)
    {
        var bySeed = runsB.ToDictionary(r => r.Seed);
        var differences = runsA.Where(r => bySeed.ContainsKey(r.Seed)).Select(r => (r.MeanAccuracy - bySeed[r.Seed].MeanAccuracy) * 100).ToList();
        return differences.Count == 0 ? null : new PairedDifference(a, b, differences);
    }

    /// <summary>E.g. "+2.31 points [−0.40, +5.02], 5 pairs: not resolved".</summary>
    public override string ToString() => double.IsInfinity(HalfWidth)
        ? string.Create(CultureInfo.InvariantCulture, $"{Mean:+0.00;-0.00} points, 1 pair: not resolved")
        : string.Create(CultureInfo.InvariantCulture, $"{Mean:+0.00;-0.00} points [{Low:+0.00;-0.00}, {High:+0.00;-0.00}], {Pairs} pairs: {Verdict}");
}
