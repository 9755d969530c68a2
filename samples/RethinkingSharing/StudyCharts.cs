using System.Globalization;

namespace RethinkingSharing;

/// <summary>The study's two charts, as <see cref="ChartSpec"/>s for <see cref="SvgChart"/>.</summary>
internal static class StudyCharts
{
    /// <summary>
    /// Mean accuracy against task-specific share in one setting: a curve per side and BatchNorm
    /// regime with 95% error bars, the other layouts as marked points.
    /// </summary>
    public static ChartSpec AccuracyAgainstShare(IReadOnlyList<ArmSummary> setting)
    {
        var first = setting[0].Setting;
        var series = setting.Where(s => s.Arm.Kind is ArmKind.Bottom or ArmKind.Top)
            .GroupBy(s => (s.Arm.Kind, s.Arm.Regime))
            .Select(g => new ChartSeries(
                $"{(g.Key.Kind == ArmKind.Bottom ? "bottom-specific" : "top-specific")}{(g.Key.Regime == NormRegime.PerTask ? " (per-task BN)" : string.Empty)}",
                [.. g.OrderBy(s => s.TaskSpecificShare).Select(s => Point(s, s.TaskSpecificShare, $"m={s.Layers}"))],
                Dashed: g.Key.Regime == NormRegime.PerTask))
            .ToList();
        var markers = setting.Where(s => s.Arm.Kind is not (ArmKind.Bottom or ArmKind.Top))
            .Select(s => new ChartMarker(MarkerName(s.Arm), Point(s, s.TaskSpecificShare, null)))
            .ToList();
        return new ChartSpec(
            F($"Mean accuracy against task-specific share ({first.Backbone}, T = {first.TaskCount}, {Seeds(setting)})"),
            "task-specific share of parameters (log scale)",
            "mean test accuracy (%)",
            LogX: true,
            series,
            markers,
            Subtitle: "error bars: 95% Student-t interval over seeds");
    }

    /// <summary>Mean accuracy against the number of tasks: a curve per arm of the tasks part.</summary>
    public static ChartSpec AccuracyAgainstTasks(IReadOnlyList<ArmSummary> part)
    {
        var series = part.GroupBy(s => s.Arm)
            .Select(g => new ChartSeries(MarkerName(g.Key), [.. g.OrderBy(s => s.Setting.TaskCount).Select(s => Point(s, s.Setting.TaskCount, null))], Dashed: g.Key.Regime == NormRegime.PerTask))
            .ToList();
        var counts = part.Select(s => (double)s.Setting.TaskCount).Distinct().Order().ToList();
        return new ChartSpec(
            F($"Mean accuracy against the number of tasks ({part[0].Setting.Backbone}, {Seeds(part)})"),
            "number of tasks T",
            "mean test accuracy (%)",
            LogX: false,
            series,
            [],
            Subtitle: "error bars: 95% Student-t interval over seeds",
            XTicks: counts);
    }

    /// <summary>"5 seeds", or "3-5 seeds" when arms ran different numbers.</summary>
    private static string Seeds(IReadOnlyList<ArmSummary> summaries)
    {
        var counts = summaries.Select(s => s.MeanAccuracy.Count).Distinct().Order().ToList();
        return counts.Count == 1 ? F($"{counts[0]} seeds") : F($"{counts[0]}-{counts[^1]} seeds");
    }

    private static ChartPoint Point(ArmSummary s, double x, string? label) =>
        new(x, s.MeanAccuracy.Mean * 100, s.HalfWidth95 * 100, label);

    private static string MarkerName(Arm arm) => arm.Kind switch
    {
        ArmKind.Independent => "independent",
        ArmKind.Shared => arm.Regime == NormRegime.PerTask ? "fully shared (per-task BN)" : "fully shared",
        ArmKind.NormOnly => "norm-only",
        ArmKind.SharedUncertainty => arm.Regime == NormRegime.PerTask ? "shared + uncertainty weighting (per-task BN)" : "shared + uncertainty weighting",
        _ => arm.Label,
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
