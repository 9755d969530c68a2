using System.Globalization;

namespace MtlSharing.Metrics;

/// <summary>
/// Compares a multi-task model with single-task baselines, task by task, and summarises the
/// comparison as Δ_MTL (Maninis et al. 2019; Vandenhende et al. 2021): the mean relative change
/// Δ_MTL = (1/T) Σ_t (−1)^l_t (M_m,t − M_b,t) / M_b,t, where l_t = 1 when lower is better for task t.
/// Positive Δ_MTL means the multi-task model is better on average. Values are fractions (0.06 is
/// 6 %); format them with <see cref="PercentFormat.FormatSigned"/>.
/// </summary>
public sealed class MultiTaskSummary
{
    private readonly TaskComparison[] tasks;

    /// <summary>Creates a summary from per-task comparisons, kept in the given order.</summary>
    /// <param name="tasks">At least one comparison; task names must be unique.</param>
    /// <exception cref="ArgumentException">No task, or a task named twice.</exception>
    public MultiTaskSummary(IEnumerable<TaskComparison> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        this.tasks = tasks.ToArray();
        if (this.tasks.Length == 0)
        {
            throw new ArgumentException("a multi-task summary needs at least one task", nameof(tasks));
        }

        if (this.tasks.Any(t => t is null))
        {
            throw new ArgumentException("a task comparison is null", nameof(tasks));
        }

        var repeated = this.tasks.GroupBy(t => t.Task, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"task '{repeated.Key}' appears {repeated.Count()} times", nameof(tasks));
        }
    }

    /// <summary>The per-task comparisons.</summary>
    public IReadOnlyList<TaskComparison> Tasks => tasks;

    /// <summary>Δ_MTL: the mean of the tasks' <see cref="TaskComparison.RelativeChange"/>, as a fraction.</summary>
    public double DeltaMtl => tasks.Average(t => t.RelativeChange);

    /// <summary>
    /// The mean of the tasks' values (the mean accuracy when every task reports accuracy), or null
    /// when the tasks report different metrics, whose mean would mean nothing.
    /// </summary>
    public double? MeanValue => SameMetric ? tasks.Average(t => t.Value) : null;

    /// <summary>The mean of the baselines' values, or null when the tasks report different metrics.</summary>
    public double? MeanBaseline => SameMetric ? tasks.Average(t => t.Baseline) : null;

    private bool SameMetric => tasks.All(t => t.Metric == tasks[0].Metric);

    /// <summary>
    /// Compares per-task results with baselines for one metric and direction, in the order of
    /// <paramref name="results"/>. Baselines of tasks not in the results are ignored.
    /// </summary>
    /// <param name="results">The multi-task model's metric by task.</param>
    /// <param name="baselines">The single-task baselines' metric by task; every result's task needs one.</param>
    /// <param name="direction">Whether higher or lower values are better, for every task.</param>
    /// <param name="metric">The metric's name, for reports.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A task has no baseline, or a value is invalid (see <see cref="TaskComparison"/>).</exception>
    public static MultiTaskSummary Compare(
        IReadOnlyDictionary<string, double> results,
        IReadOnlyDictionary<string, double> baselines,
        MetricDirection direction = MetricDirection.HigherIsBetter,
        string metric = "accuracy")
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(baselines);
        var missing = results.Keys.Where(task => !baselines.ContainsKey(task)).ToArray();
        if (missing.Length > 0)
        {
            var known = baselines.Count == 0 ? "none" : string.Join(", ", baselines.Keys);
            throw new ArgumentException(
                $"no baseline for task{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(t => $"'{t}'"))}; baselines are given for {known}",
                nameof(baselines));
        }

        return new MultiTaskSummary(results.Select(r => new TaskComparison(r.Key, r.Value, baselines[r.Key], direction, metric)));
    }

    /// <summary>
    /// Renders the comparison as aligned plain text: one row per task (value, baseline, signed
    /// relative change in percent), then a "mean (Δ_MTL)" row.
    /// </summary>
    /// <returns>The text, lines ending with '\n'.</returns>
    public string ToText() => BuildTable(FormatValue, c => PercentFormat.FormatSigned(c)).ToText();

    /// <summary>Renders the comparison as a Markdown table, laid out as <see cref="ToText"/>.</summary>
    /// <returns>The Markdown, lines ending with '\n'.</returns>
    public string ToMarkdown() => BuildTable(FormatValue, c => PercentFormat.FormatSigned(c)).ToMarkdown();

    /// <summary>
    /// Renders the comparison as CSV with full-precision numbers and the relative change as a
    /// fraction; the last row, task "mean", holds Δ_MTL in its relative_change column.
    /// </summary>
    /// <returns>The CSV, lines ending with '\n'.</returns>
    public string ToCsv() => BuildTable(FormatExact, FormatExact, csv: true).ToCsv();

    private TextTable BuildTable(Func<double, string> value, Func<double, string> change, bool csv = false)
    {
        var table = csv
            ? new TextTable(3, "task", "metric", "better", "value", "baseline", "relative_change")
            : new TextTable(3, "task", "metric", "better", "value", "baseline", "relative change");
        foreach (var t in tasks)
        {
            table.AddRow(t.Task, t.Metric, Better(t.Direction), value(t.Value), value(t.Baseline), change(t.RelativeChange));
        }

        var metric = SameMetric ? tasks[0].Metric : "";
        var better = tasks.All(t => t.Direction == tasks[0].Direction) ? Better(tasks[0].Direction) : "";
        table.AddRow(
            csv ? "mean" : "mean (Δ_MTL)",
            metric,
            better,
            MeanValue is { } m ? value(m) : "",
            MeanBaseline is { } b ? value(b) : "",
            change(DeltaMtl));
        return table;
    }

    private static string Better(MetricDirection direction) => direction == MetricDirection.HigherIsBetter ? "higher" : "lower";

    private static string FormatValue(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string FormatExact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
