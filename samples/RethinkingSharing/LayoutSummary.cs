using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>One layout's results over seeds: accuracy mean ± std per task and overall, and Δ_MTL against Independent.</summary>
internal sealed record LayoutSummary(
    LayoutSpec Layout,
    int? Blocks,
    IReadOnlyDictionary<string, MeanAndStd> TaskAccuracy,
    MeanAndStd MeanAccuracy,
    double? DeltaMtl,
    double TaskSpecificShare,
    long TotalParameters,
    MeanAndStd TrainingSeconds)
{
    /// <summary>Groups runs by layout and compares each with the Independent layout's mean accuracies, when it ran.</summary>
    public static IReadOnlyList<LayoutSummary> FromRuns(IReadOnlyList<RunResult> runs, IReadOnlyList<string> tasks)
    {
        var groups = runs.GroupBy(r => r.Layout).ToList();
        var independent = groups.FirstOrDefault(g => g.Key.Kind == "independent");
        var baseline = independent is null ? null : tasks.ToDictionary(t => t, t => independent.Average(r => r.Accuracy[t]));
        return groups.Select(g =>
        {
            var means = tasks.ToDictionary(t => t, t => g.Average(r => r.Accuracy[t]));
            return new LayoutSummary(
                g.Key,
                g.First().Blocks,
                tasks.ToDictionary(t => t, t => MeanAndStd.Of(g.Select(r => r.Accuracy[t]))),
                MeanAndStd.Of(g.Select(r => r.MeanAccuracy)),
                baseline is null ? null : MultiTaskSummary.Compare(means, baseline).DeltaMtl,
                g.Average(r => r.TaskSpecificShare),
                g.First().TotalParameters,
                MeanAndStd.Of(g.Select(r => r.TrainingSeconds)));
        }).ToList();
    }
}
