namespace RethinkingSharing.Tests;

public sealed class PairedDifferenceTests
{
    [Fact]
    public void TheIntervalIsStudentTOverThePairDifferences()
    {
        // 1, 2, 3: mean 2, std 1, t(0.975, 2) = 4.303 → half-width 4.303 / √3 = 2.484.
        var difference = new PairedDifference("bottom", "top", [1, 2, 3]);

        difference.Mean.Should().BeApproximately(2, 1e-12);
        difference.HalfWidth.Should().BeApproximately(4.303 / Math.Sqrt(3), 1e-12);
        difference.Verdict.Should().Be("not resolved");
        difference.ToString().Should().Be("+2.00 points [-0.48, +4.48], 3 pairs: not resolved");
    }

    [Theory]
    [InlineData(new[] { 3.0, 4.0, 5.0 }, "bottom wins")]
    [InlineData(new[] { -3.0, -4.0, -5.0 }, "top wins")]
    [InlineData(new[] { 3.0 }, "not resolved")]
    [InlineData(new[] { 0.0, 0.0, 0.0 }, "identical in every pair (the same model)")]
    public void AWinNeedsTheWholeIntervalOnOneSide(double[] differences, string verdict) =>
        new PairedDifference("bottom", "top", differences).Verdict.Should().Be(verdict);

    [Fact]
    public void RunsArePairedBySeed()
    {
        // Seeds 0 and 1 pair (differences 10 and 20 points); seed 2 of bottom has no partner.
        var bottom = Made.Runs(Made.Bottom(0.1), [0.6, 0.7, 0.9], 0.1).ToList();
        var top = Made.Runs(Made.Top(0.1), [0.5, 0.5], 0.1).ToList();

        var difference = PairedDifference.Of("bottom", bottom, "top", top)!;

        difference.Differences.Should().Equal([10.0, 20.0], (a, e) => Math.Abs(a - e) < 1e-9);
        PairedDifference.Of("bottom", bottom, "top", []).Should().BeNull();
    }
}
