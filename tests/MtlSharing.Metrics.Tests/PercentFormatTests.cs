using System.Globalization;

namespace MtlSharing.Metrics.Tests;

public sealed class PercentFormatTests
{
    [Theory]
    [InlineData(0.9312, 2, "93.12%")]
    [InlineData(1.0, 2, "100.00%")]
    [InlineData(0.5, 0, "50%")]
    [InlineData(0.12345, 3, "12.345%")]
    [InlineData(-0.00001, 2, "0.00%")]
    public void Formats_fractions(double fraction, int decimals, string expected) =>
        PercentFormat.Format(fraction, decimals).Should().Be(expected);

    [Theory]
    [InlineData(0.06, "+6.00%")]
    [InlineData(-0.015, "-1.50%")]
    [InlineData(0.0, "0.00%")]
    [InlineData(-0.00001, "0.00%")]
    [InlineData(0.00005, "+0.01%")]
    public void Formats_changes_with_a_sign(double fraction, string expected) =>
        PercentFormat.FormatSigned(fraction).Should().Be(expected);

    [Fact]
    public void Ignores_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            PercentFormat.FormatSigned(0.0625).Should().Be("+6.25%");
            MeanAndStd.Of([1.0, 2.0]).ToString().Should().Be("1.50 ± 0.71");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Nan_and_bad_precision()
    {
        PercentFormat.Format(double.NaN).Should().Be("NaN");
        PercentFormat.FormatSigned(double.NaN).Should().Be("NaN");
        var act = () => PercentFormat.Format(0.5, 16);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
