using System.Globalization;

namespace MtlSharing.Metrics;

/// <summary>
/// The mean and sample standard deviation (divisor n − 1) of a metric over repeated runs such as
/// seeds, formatted the way results tables report them: "93.12 ± 0.45".
/// </summary>
public readonly record struct MeanAndStd
{
    private MeanAndStd(double mean, double std, int count)
    {
        Mean = mean;
        Std = std;
        Count = count;
    }

    /// <summary>The mean.</summary>
    public double Mean { get; }

    /// <summary>The sample standard deviation, sqrt(Σ (x − mean)² / (n − 1)); NaN for a single value.</summary>
    public double Std { get; }

    /// <summary>The number of values, n.</summary>
    public int Count { get; }

    /// <summary>Computes the mean and sample standard deviation of some values.</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">There are no values.</exception>
    public static MeanAndStd Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = values.ToArray();
        if (data.Length == 0)
        {
            throw new ArgumentException("the mean and standard deviation need at least one value", nameof(values));
        }

        var mean = data.Average();
        var std = data.Length == 1 ? double.NaN : Math.Sqrt(data.Sum(x => (x - mean) * (x - mean)) / (data.Length - 1));
        return new MeanAndStd(mean, std, data.Length);
    }

    /// <summary>Multiplies the mean and the standard deviation by a factor, e.g. 100 to turn fractions into percentages.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled summary.</returns>
    public MeanAndStd Scale(double factor) => new(Mean * factor, Std * Math.Abs(factor), Count);

    /// <summary>Formats as "mean ± std" with two decimals, e.g. "93.12 ± 0.45".</summary>
    /// <returns>The text; the mean alone when there is a single value.</returns>
    public override string ToString() => ToString(2);

    /// <summary>Formats as "mean ± std" with the given number of decimals.</summary>
    /// <param name="decimals">Digits after the decimal point; 0 to 15.</param>
    /// <returns>The text; the mean alone when there is a single value, whose spread is unknown.</returns>
    public string ToString(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 15);
        var pattern = PercentFormat.Pattern(decimals);
        var mean = PercentFormat.Round(Mean, decimals).ToString(pattern, CultureInfo.InvariantCulture);
        return Count == 1 ? mean : mean + " ± " + PercentFormat.Round(Std, decimals).ToString(pattern, CultureInfo.InvariantCulture);
    }
}
