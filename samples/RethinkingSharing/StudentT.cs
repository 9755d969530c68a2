namespace RethinkingSharing;

/// <summary>Two-sided 95% quantiles of Student's t distribution, for confidence intervals over a few seeds.</summary>
internal static class StudentT
{
    // t(0.975, df) for df = 1 … 30, to three decimals (any statistics table).
    private static readonly double[] Quantiles975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>
    /// The t value that leaves 2.5% in each tail with <paramref name="degreesOfFreedom"/> degrees of
    /// freedom; beyond 30 the table's last entry, which overstates the normal limit 1.960 by at most 4%
    /// and so only widens the interval.
    /// </summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return Quantiles975[Math.Min(degreesOfFreedom, Quantiles975.Length) - 1];
    }
}
