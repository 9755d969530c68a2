namespace MtlSharing.Metrics;

/// <summary>Which way a metric improves; it sets the sign of a task's relative change in Δ_MTL.</summary>
public enum MetricDirection
{
    /// <summary>Higher is better, as for accuracy.</summary>
    HigherIsBetter,

    /// <summary>Lower is better, as for error rate or loss.</summary>
    LowerIsBetter,
}
