namespace MtlSharing.Metrics;

/// <summary>
/// One task's metric in a multi-task model next to the same metric of its single-task baseline.
/// </summary>
public sealed class TaskComparison
{
    /// <summary>Creates and validates a comparison.</summary>
    /// <param name="task">The task's name.</param>
    /// <param name="value">The multi-task model's metric, M_m,t; finite.</param>
    /// <param name="baseline">The single-task baseline's metric, M_b,t; finite and positive, since the relative change divides by it.</param>
    /// <param name="direction">Whether higher or lower values of the metric are better.</param>
    /// <param name="metric">The metric's name, for reports (for example "accuracy" or "error").</param>
    /// <exception cref="ArgumentException">A name is empty, a value is not finite, or the baseline is not positive.</exception>
    public TaskComparison(string task, double value, double baseline, MetricDirection direction = MetricDirection.HigherIsBetter, string metric = "accuracy")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, $"task '{task}': unknown metric direction; use HigherIsBetter or LowerIsBetter");
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"task '{task}': the {metric} is {value}; it must be a finite number", nameof(value));
        }

        if (!double.IsFinite(baseline) || baseline <= 0)
        {
            throw new ArgumentException(
                $"task '{task}': the baseline {metric} is {baseline}; Δ_MTL divides by the baseline, so it must be finite and positive",
                nameof(baseline));
        }

        Task = task;
        Value = value;
        Baseline = baseline;
        Direction = direction;
        Metric = metric;
    }

    /// <summary>The task's name.</summary>
    public string Task { get; }

    /// <summary>The multi-task model's metric, M_m,t.</summary>
    public double Value { get; }

    /// <summary>The single-task baseline's metric, M_b,t.</summary>
    public double Baseline { get; }

    /// <summary>Whether higher or lower values of the metric are better.</summary>
    public MetricDirection Direction { get; }

    /// <summary>The metric's name.</summary>
    public string Metric { get; }

    /// <summary>
    /// The relative change against the baseline, signed so that positive means better:
    /// (−1)^l (M_m − M_b) / M_b with l = 1 when lower is better. As a fraction (0.02 is 2 %).
    /// </summary>
    public double RelativeChange
    {
        get
        {
            var change = (Value - Baseline) / Baseline;
            return Direction == MetricDirection.LowerIsBetter ? -change : change;
        }
    }
}
