using MtlSharing.Metrics;

namespace RethinkingSharing;

/// <summary>One arm's results in one setting, over seeds: accuracy per task and overall, Δ_MTL against independent models.</summary>
internal sealed record ArmSummary(
    StudySetting Setting,
    Arm Arm,
    int? Layers,
    IReadOnlyDictionary<string, MeanAndStd> TaskAccuracy,
    MeanAndStd MeanAccuracy,
    double? DeltaMtl,
    double TaskSpecificShare,
    long TotalParameters,
    MeanAndStd TrainingSeconds)
{
    /// <summary>The half-width of the 95% Student-t interval of the mean accuracy over seeds, in [0, 1] units (0 with one seed).</summary>
    public double HalfWidth95 => MeanAccuracy.Count < 2 ? 0 : StudentT.Quantile975(MeanAccuracy.Count - 1) * MeanAccuracy.Std / Math.Sqrt(MeanAccuracy.Count);

    /// <summary>Groups runs by setting and arm, in the order they ran, and compares each with the same setting's independent arm when it ran and scored above 0 on every task.</summary>
    public static IReadOnlyList<ArmSummary> FromRuns(IReadOnlyList<RunResult> runs) =>
        runs.GroupBy(r => r.Key).Select(g =>
        {
            var first = g.First();
            var tasks = first.Setting.Tasks;
            var independent = runs.Where(r => r.Setting.Key == first.Setting.Key && r.Arm.Kind == ArmKind.Independent).ToList();
            var baseline = independent.Count == 0 ? null : tasks.ToDictionary(t => t, t => independent.Average(r => r.Accuracy[t]));
            if (baseline is not null && baseline.Values.Any(a => a <= 0))
            {
                // Δ_MTL is relative to the independent models; against an accuracy of 0 it is undefined.
                baseline = null;
            }

            var means = tasks.ToDictionary(t => t, t => g.Average(r => r.Accuracy[t]));
            return new ArmSummary(
                first.Setting,
                first.Arm,
                first.Layers,
                tasks.ToDictionary(t => t, t => MeanAndStd.Of(g.Select(r => r.Accuracy[t]))),
                MeanAndStd.Of(g.Select(r => r.MeanAccuracy)),
                baseline is null ? null : MultiTaskSummary.Compare(means, baseline).DeltaMtl,
                g.Average(r => r.TaskSpecificShare),
                first.TotalParameters,
                MeanAndStd.Of(g.Select(r => r.TrainingSeconds)));
        }).ToList();
}
