namespace MtlSharing.Metrics;

/// <summary>Checks shared by the streaming metrics.</summary>
internal static class MetricGuard
{
    /// <summary>Throws when a metric is computed before any sample was counted.</summary>
    /// <param name="count">The number of counted samples.</param>
    /// <param name="metric">The metric's name, for the message.</param>
    public static void RequireSamples(long count, string metric)
    {
        if (count == 0)
        {
            throw new InvalidOperationException(
                $"the {metric} has no samples: call Update with at least one sample that is not masked or ignored before computing it");
        }
    }
}
