using MtlSharing.Metrics;

namespace RethinkingSharing.Tests;

/// <summary>Made-up results over two tasks, "a" and "b", for the tests of the sample's reporting.</summary>
internal static class Made
{
    public static readonly string[] Tasks = ["a", "b"];

    public static readonly LayoutSpec Independent = new("independent", null);

    public static readonly LayoutSpec Shared = new("shared", null);

    public static LayoutSpec Top(double share) => new("top", share);

    public static LayoutSpec Bottom(double share) => new("bottom", share);

    public static RunResult Run(LayoutSpec layout, int seed, double a, double b, double share, long parameters, double seconds = 1, int? blocks = null) =>
        new(layout, blocks, seed, new Dictionary<string, double> { ["a"] = a, ["b"] = b }, share, parameters, seconds);

    /// <summary>A summary whose tasks and mean both have the given per-seed accuracies.</summary>
    public static LayoutSummary Summary(LayoutSpec layout, double[] accuracies, double share, long parameters = 1000, int? blocks = null, double? deltaMtl = null)
    {
        var accuracy = MeanAndStd.Of(accuracies);
        return new LayoutSummary(
            layout,
            blocks,
            Tasks.ToDictionary(t => t, _ => accuracy),
            accuracy,
            deltaMtl,
            share,
            parameters,
            MeanAndStd.Of([1.0, 1.0]));
    }

    /// <summary>Two seeds of independent and shared and three of bottom@10%; the expected numbers are in <see cref="LayoutSummaryTests"/>.</summary>
    public static List<RunResult> Runs() =>
    [
        Run(Independent, 0, 0.8, 0.5, 1.0, 2000, seconds: 2),
        Run(Independent, 1, 0.6, 0.5, 1.0, 2000, seconds: 4),
        Run(Shared, 0, 0.74, 0.5, 0.01, 1000),
        Run(Shared, 1, 0.80, 0.6, 0.01, 1000),
        Run(Bottom(0.1), 0, 0.6, 0.4, 0.1, 1100, blocks: 2),
        Run(Bottom(0.1), 1, 0.7, 0.4, 0.1, 1100, blocks: 2),
        Run(Bottom(0.1), 2, 0.8, 0.4, 0.1, 1100, blocks: 2),
    ];
}
