namespace MtlSharing.Metrics.Tests;

public sealed class MeanAndStdTests
{
    [Fact]
    public void Uses_the_sample_standard_deviation()
    {
        // Mean 93; deviations 0, +0.5, -0.5; squares sum to 0.5; / (n - 1) = 0.25; sqrt = 0.5.
        var summary = MeanAndStd.Of([93.0, 93.5, 92.5]);

        summary.Mean.Should().BeApproximately(93.0, 1e-12);
        summary.Std.Should().BeApproximately(0.5, 1e-12);
        summary.Count.Should().Be(3);
        summary.ToString().Should().Be("93.00 ± 0.50");
    }

    [Fact]
    public void Scales_fractions_to_percentages()
    {
        // Mean 0.9312; deviations 0, +0.0045, -0.0045; squares 2 × 0.00002025 / 2; sqrt = 0.0045.
        var summary = MeanAndStd.Of([0.9312, 0.9357, 0.9267]).Scale(100);

        summary.ToString().Should().Be("93.12 ± 0.45");
        summary.ToString(1).Should().Be("93.1 ± 0.5");
        summary.ToString(0).Should().Be("93 ± 0");
    }

    [Fact]
    public void Scaling_by_a_negative_factor_keeps_the_spread_positive()
    {
        // 1 and 3: mean 2, std sqrt((1 + 1) / 1) = sqrt 2.
        var summary = MeanAndStd.Of([1.0, 3.0]).Scale(-1);

        summary.Mean.Should().Be(-2);
        summary.Std.Should().BeApproximately(Math.Sqrt(2), 1e-15);
        summary.ToString().Should().Be("-2.00 ± 1.41");
    }

    [Fact]
    public void A_single_value_has_no_spread()
    {
        var summary = MeanAndStd.Of([93.123]);

        double.IsNaN(summary.Std).Should().BeTrue();
        summary.ToString().Should().Be("93.12");
    }

    [Fact]
    public void Needs_a_value_and_a_sensible_precision()
    {
        var none = () => MeanAndStd.Of([]);
        none.Should().Throw<ArgumentException>().WithMessage("the mean and standard deviation need at least one value*");
        MeanAndStd.Of([1.0, 2.0]).Invoking(s => s.ToString(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
