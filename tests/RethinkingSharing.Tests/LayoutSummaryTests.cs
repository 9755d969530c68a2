namespace RethinkingSharing.Tests;

/// <summary>
/// The expected numbers, by hand, for <see cref="Made.Runs"/>:
/// independent: a = 0.8, 0.6 → 0.7 ± 0.1·√2; b = 0.5, 0.5 → 0.5 ± 0; run means 0.65, 0.55 → 0.6 ± 0.05·√2;
/// shared: a = 0.74, 0.80 → 0.77 ± 0.03·√2; b = 0.5, 0.6 → 0.55 ± 0.05·√2; Δ_MTL = (0.07/0.7 + 0.05/0.5) / 2 = +0.1;
/// bottom@10%: a = 0.6, 0.7, 0.8 → 0.7 ± 0.1; b = 0.4 × 3 → 0.4 ± 0; run means 0.5, 0.55, 0.6 → 0.55 ± 0.05;
/// Δ_MTL = (0/0.7 − 0.1/0.5) / 2 = −0.1.
/// </summary>
public sealed class LayoutSummaryTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void OneSummaryPerLayoutInRunOrder()
    {
        var summaries = LayoutSummary.FromRuns(Made.Runs(), Made.Tasks);

        summaries.Select(s => s.Layout.Label).Should().Equal("independent", "shared", "bottom@10%");
        summaries.Select(s => s.MeanAccuracy.Count).Should().Equal(2, 2, 3);
    }

    [Fact]
    public void PerTaskAccuracyIsMeanAndSampleStdOverSeeds()
    {
        var summaries = LayoutSummary.FromRuns(Made.Runs(), Made.Tasks);

        Check(summaries[0], "a", 0.7, 0.1 * Math.Sqrt(2));
        Check(summaries[0], "b", 0.5, 0);
        Check(summaries[1], "a", 0.77, 0.03 * Math.Sqrt(2));
        Check(summaries[1], "b", 0.55, 0.05 * Math.Sqrt(2));
        Check(summaries[2], "a", 0.7, 0.1);
        Check(summaries[2], "b", 0.4, 0);
    }

    [Fact]
    public void MeanAccuracyIsOverTheRunsMeans()
    {
        var summaries = LayoutSummary.FromRuns(Made.Runs(), Made.Tasks);

        summaries[0].MeanAccuracy.Mean.Should().BeApproximately(0.6, Tolerance);
        summaries[0].MeanAccuracy.Std.Should().BeApproximately(0.05 * Math.Sqrt(2), Tolerance);
        summaries[2].MeanAccuracy.Mean.Should().BeApproximately(0.55, Tolerance);
        summaries[2].MeanAccuracy.Std.Should().BeApproximately(0.05, Tolerance);
    }

    [Fact]
    public void DeltaMtlIsAgainstIndependentsMeanAccuracies()
    {
        var summaries = LayoutSummary.FromRuns(Made.Runs(), Made.Tasks);

        summaries[0].DeltaMtl.Should().Be(0);
        summaries[1].DeltaMtl!.Value.Should().BeApproximately(0.1, Tolerance);
        summaries[2].DeltaMtl!.Value.Should().BeApproximately(-0.1, Tolerance);
    }

    [Fact]
    public void WithoutIndependentThereIsNoDeltaMtl()
    {
        var runs = Made.Runs().Where(r => r.Layout.Kind != "independent").ToList();

        LayoutSummary.FromRuns(runs, Made.Tasks).Should().OnlyContain(s => s.DeltaMtl == null);
    }

    [Fact]
    public void SizesAndTimesComeFromTheRuns()
    {
        var summaries = LayoutSummary.FromRuns(Made.Runs(), Made.Tasks);

        summaries.Select(s => s.Blocks).Should().Equal(null, null, 2);
        summaries.Select(s => s.TotalParameters).Should().Equal(2000, 1000, 1100);
        summaries.Select(s => s.TaskSpecificShare).Should().Equal([1.0, 0.01, 0.1], (actual, expected) => Math.Abs(actual - expected) < Tolerance);
        summaries[0].TrainingSeconds.Mean.Should().Be(3);
    }

    private static void Check(LayoutSummary summary, string task, double mean, double std)
    {
        summary.TaskAccuracy[task].Mean.Should().BeApproximately(mean, Tolerance, $"{summary.Layout.Label}, task {task}");
        summary.TaskAccuracy[task].Std.Should().BeApproximately(std, Tolerance, $"{summary.Layout.Label}, task {task}");
    }
}
