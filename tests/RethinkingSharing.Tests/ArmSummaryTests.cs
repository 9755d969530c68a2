namespace RethinkingSharing.Tests;

/// <summary>
/// The expected numbers, by hand, for <see cref="Made.Runs"/>:
/// independent: a = 0.8, 0.6 → 0.7 ± 0.1·√2; b = 0.5, 0.5 → 0.5 ± 0; run means 0.65, 0.55 → 0.6 ± 0.05·√2;
/// shared: a = 0.74, 0.80 → 0.77 ± 0.03·√2; b = 0.5, 0.6 → 0.55 ± 0.05·√2; Δ_MTL = (0.07/0.7 + 0.05/0.5) / 2 = +0.1;
/// bottom@10%: a = 0.6, 0.7, 0.8 → 0.7 ± 0.1; b = 0.4 × 3 → 0.4 ± 0; run means 0.5, 0.55, 0.6 → 0.55 ± 0.05;
/// Δ_MTL = (0/0.7 − 0.1/0.5) / 2 = −0.1.
/// </summary>
public sealed class ArmSummaryTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void OneSummaryPerLayoutInRunOrder()
    {
        var summaries = ArmSummary.FromRuns(Made.Runs());

        summaries.Select(s => s.Arm.Label).Should().Equal("independent", "shared", "bottom@10%");
        summaries.Select(s => s.MeanAccuracy.Count).Should().Equal(2, 2, 3);
    }

    [Fact]
    public void PerTaskAccuracyIsMeanAndSampleStdOverSeeds()
    {
        var summaries = ArmSummary.FromRuns(Made.Runs());

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
        var summaries = ArmSummary.FromRuns(Made.Runs());

        summaries[0].MeanAccuracy.Mean.Should().BeApproximately(0.6, Tolerance);
        summaries[0].MeanAccuracy.Std.Should().BeApproximately(0.05 * Math.Sqrt(2), Tolerance);
        summaries[2].MeanAccuracy.Mean.Should().BeApproximately(0.55, Tolerance);
        summaries[2].MeanAccuracy.Std.Should().BeApproximately(0.05, Tolerance);
    }

    [Fact]
    public void DeltaMtlIsAgainstIndependentsMeanAccuracies()
    {
        var summaries = ArmSummary.FromRuns(Made.Runs());

        summaries[0].DeltaMtl.Should().Be(0);
        summaries[1].DeltaMtl!.Value.Should().BeApproximately(0.1, Tolerance);
        summaries[2].DeltaMtl!.Value.Should().BeApproximately(-0.1, Tolerance);
    }

    [Fact]
    public void WithoutIndependentThereIsNoDeltaMtl()
    {
        var runs = Made.Runs().Where(r => r.Arm.Kind != ArmKind.Independent).ToList();

        ArmSummary.FromRuns(runs).Should().OnlyContain(s => s.DeltaMtl == null);
    }

    [Fact]
    public void SizesAndTimesComeFromTheRuns()
    {
        var summaries = ArmSummary.FromRuns(Made.Runs());

        summaries.Select(s => s.Layers).Should().Equal(null, null, 2);
        summaries.Select(s => s.TotalParameters).Should().Equal(2000, 1000, 1100);
        summaries.Select(s => s.TaskSpecificShare).Should().Equal([1.0, 0.01, 0.1], (actual, expected) => Math.Abs(actual - expected) < Tolerance);
        summaries[0].TrainingSeconds.Mean.Should().Be(3);
    }

    [Fact]
    public void TheIntervalIsStudentTOverTheSeedsMeans()
    {
        var summaries = ArmSummary.FromRuns(Made.Runs());

        // bottom@10%: run means 0.5, 0.55, 0.6, std 0.05, t(0.975, 2) = 4.303.
        summaries[2].HalfWidth95.Should().BeApproximately(4.303 * 0.05 / Math.Sqrt(3), Tolerance);
        ArmSummary.FromRuns([Made.Run(Made.Shared, 0, 0.5, 0.5, 0.01, 1000)])[0].HalfWidth95.Should().Be(0, "one seed has no interval");
    }

    [Fact]
    public void AnIndependentAccuracyOfZeroLeavesDeltaMtlUndefined()
    {
        var runs = new List<RunResult> { Made.Run(Made.Independent, 0, 0.0, 0.5, 1.0, 2000), Made.Run(Made.Shared, 0, 0.1, 0.5, 0.01, 1000) };

        ArmSummary.FromRuns(runs).Should().OnlyContain(s => s.DeltaMtl == null);
    }

    [Fact]
    public void SettingsAreSummarisedApart()
    {
        var other = Made.Setting with { Part = "tasks" };
        var runs = Made.Runs().Concat([Made.Run(Made.Shared, 0, 0.1, 0.1, 0.01, 1000, setting: other)]).ToList();

        var summaries = ArmSummary.FromRuns(runs);

        summaries.Should().HaveCount(4);
        summaries[3].Setting.Key.Should().Be("tasks/resnet18/T2");
        summaries[3].DeltaMtl.Should().BeNull("that setting has no independent arm");
    }

    private static void Check(ArmSummary summary, string task, double mean, double std)
    {
        summary.TaskAccuracy[task].Mean.Should().BeApproximately(mean, Tolerance, $"{summary.Arm.Label}, task {task}");
        summary.TaskAccuracy[task].Std.Should().BeApproximately(std, Tolerance, $"{summary.Arm.Label}, task {task}");
    }
}
