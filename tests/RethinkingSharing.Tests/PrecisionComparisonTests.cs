namespace RethinkingSharing.Tests;

/// <summary>Pairing fp32 and bf16 runs by setting, layout and seed; every expected number is worked out by hand in the test.</summary>
public sealed class PrecisionComparisonTests
{
    [Fact]
    public void DifferencesOfPairedRunsGiveMeanStdAndStudentInterval()
    {
        // Differences 1, 0 and 2 points: mean 1, std 1, standard error 1/√3 = 0.57735;
        // t(0.975, 2) = 4.303, so the interval is 1 ± 2.48434.
        var comparison = PrecisionComparison.FromRuns(
            Runs((Made.Shared, 0, 0.80), (Made.Shared, 1, 0.70), (Made.Independent, 0, 0.60)),
            Runs((Made.Independent, 0, 0.62), (Made.Shared, 1, 0.70), (Made.Shared, 0, 0.81)));

        comparison.Pairs.Should().Be(3);
        comparison.Fp32.Should().BeApproximately(0.70, 1e-12);
        comparison.Bf16.Should().BeApproximately(0.71, 1e-12);
        comparison.Difference.Mean.Should().BeApproximately(1.0, 1e-9);
        comparison.Difference.Std.Should().BeApproximately(1.0, 1e-9);
        comparison.StandardError.Should().BeApproximately(0.57735, 1e-5);
        comparison.Low.Should().BeApproximately(-1.48434, 1e-5);
        comparison.High.Should().BeApproximately(3.48434, 1e-5);
        comparison.Verdict.Should().StartWith("not resolved at 0.5 points");
    }

    [Fact]
    public void IntervalInsideTheToleranceIsWithin()
    {
        // Differences 0.1, 0.2, 0.3 points: 0.2 ± 4.303 × 0.1 / √3 = [-0.0484, 0.4484].
        var comparison = PrecisionComparison.FromRuns(
            Runs((Made.Shared, 0, 0.500), (Made.Shared, 1, 0.600), (Made.Shared, 2, 0.700)),
            Runs((Made.Shared, 0, 0.501), (Made.Shared, 1, 0.602), (Made.Shared, 2, 0.703)));

        comparison.Low.Should().BeApproximately(-0.04843, 1e-4);
        comparison.High.Should().BeApproximately(0.44843, 1e-4);
        comparison.Verdict.Should().Be("within 0.5 points: the 95% interval lies inside ±0.5");
    }

    [Fact]
    public void IntervalBeyondTheToleranceIsOutside()
    {
        // Differences -2.1, -2.0, -1.9 points: -2 ± 0.248 lies below -0.5.
        var comparison = PrecisionComparison.FromRuns(
            Runs((Made.Shared, 0, 0.500), (Made.Shared, 1, 0.600), (Made.Shared, 2, 0.700)),
            Runs((Made.Shared, 0, 0.479), (Made.Shared, 1, 0.580), (Made.Shared, 2, 0.681)));

        comparison.Difference.Mean.Should().BeApproximately(-2.0, 1e-9);
        comparison.Verdict.Should().Be("outside 0.5 points: the 95% interval lies wholly beyond ±0.5");
    }

    [Fact]
    public void MarkdownShowsTheNumbersInPointsAndTheVerdict()
    {
        var markdown = PrecisionComparison.FromRuns(
            Runs((Made.Shared, 0, 0.80), (Made.Shared, 1, 0.70), (Made.Shared, 2, 0.60)),
            Runs((Made.Shared, 0, 0.81), (Made.Shared, 1, 0.70), (Made.Shared, 2, 0.62))).Markdown();

        markdown.Should().Contain("| 3 | 70.00 | 71.00 | +1.00 | 1.00 | 0.58 | [-1.48, +3.48] |");
        markdown.Should().Contain("Verdict: not resolved at 0.5 points");
    }

    [Fact]
    public void RunsThatDoNotPairUpAreRefused()
    {
        var act = () => PrecisionComparison.FromRuns(
            Runs((Made.Shared, 0, 0.8), (Made.Shared, 1, 0.7)),
            Runs((Made.Shared, 0, 0.8), (Made.Shared, 2, 0.7)));

        act.Should().Throw<ArgumentException>().WithMessage("the fp32 and bf16 runs must cover the same layouts and seeds");
    }

    [Fact]
    public void OnePairIsTooFewForAnInterval()
    {
        var act = () => PrecisionComparison.FromRuns(Runs((Made.Shared, 0, 0.8)), Runs((Made.Shared, 0, 0.8)));

        act.Should().Throw<ArgumentException>().WithMessage("comparing precisions needs at least two runs*");
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(11, 2.201)]
    [InlineData(30, 2.042)]
    [InlineData(500, 2.042)]
    public void StudentQuantilesComeFromTheTable(int degreesOfFreedom, double expected) =>
        StudentT.Quantile975(degreesOfFreedom).Should().Be(expected);

    [Fact]
    public void StudentQuantileNeedsOneDegreeOfFreedom() =>
        FluentActions.Invoking(() => StudentT.Quantile975(0)).Should().Throw<ArgumentOutOfRangeException>();

    /// <summary>Runs whose two tasks both score the given accuracy, so the mean accuracy equals it.</summary>
    private static List<RunResult> Runs(params (Arm Layout, int Seed, double Accuracy)[] runs) =>
        runs.Select(r => Made.Run(r.Layout, r.Seed, r.Accuracy, r.Accuracy, 0.5, 1000)).ToList();
}
