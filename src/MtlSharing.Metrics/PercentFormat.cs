using System.Globalization;

namespace MtlSharing.Metrics;

/// <summary>Formats fractions as percentages, culture-invariantly.</summary>
public static class PercentFormat
{
    /// <summary>Formats a fraction as a percentage: 0.9312 → "93.12%".</summary>
    /// <param name="fraction">The fraction (1 is 100 %).</param>
    /// <param name="decimals">Digits after the decimal point; 0 to 15.</param>
    /// <returns>The percentage; "NaN" for NaN.</returns>
    public static string Format(double fraction, int decimals = 2)
    {
        CheckDecimals(decimals);
        return double.IsNaN(fraction) ? "NaN" : Round(fraction * 100, decimals).ToString(Pattern(decimals), CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>
    /// Formats a fraction as a percentage with an explicit sign, for changes such as Δ_MTL:
    /// 0.06 → "+6.00%", −0.015 → "-1.50%". A change that rounds to zero prints without a sign ("0.00%").
    /// </summary>
    /// <param name="fraction">The fraction (1 is 100 %).</param>
    /// <param name="decimals">Digits after the decimal point; 0 to 15.</param>
    /// <returns>The signed percentage; "NaN" for NaN.</returns>
    public static string FormatSigned(double fraction, int decimals = 2)
    {
        CheckDecimals(decimals);
        if (double.IsNaN(fraction))
        {
            return "NaN";
        }

        var percent = Round(fraction * 100, decimals);
        var text = percent.ToString(Pattern(decimals), CultureInfo.InvariantCulture) + "%";
        return percent > 0 ? "+" + text : text;
    }

    /// <summary>Rounds half away from zero and turns −0 into 0.</summary>
    internal static double Round(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    /// <summary>A fixed-point format with the given number of decimals.</summary>
    internal static string Pattern(int decimals) => "F" + decimals.ToString(CultureInfo.InvariantCulture);

    private static void CheckDecimals(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 15);
    }
}
