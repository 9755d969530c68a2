using System.Globalization;
using System.Text;

namespace RethinkingSharing;

/// <summary>
/// Says, from the runs, what the data here show on each of the paper's claims, with every
/// comparison paired by seed and given as a mean difference with its 95% Student-t interval:
/// (1) at a matched task-specific budget, bottom-specific beats top-specific, in every setting;
/// (2) a small bottom-specific share competes with independent models and with a strong multi-task
/// baseline (every bottom arm, smallest share first); and how per-task BatchNorm changes each layout.
/// </summary>
internal static class Findings
{
    public static string Describe(IReadOnlyList<RunResult> runs, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        var arms = runs.GroupBy(r => (r.Setting.Key, r.Arm)).ToDictionary(g => g.Key, g => (IReadOnlyList<RunResult>)[.. g]);
        var settings = runs.Select(r => r.Setting.Key).Distinct().ToList();

        var matched = new List<PairedDifference>();
        text.AppendLine("Observation 1 (bottom-specific beats top-specific at a matched budget), bottom − top:");
        foreach (var ((setting, bottom), bottomRuns) in arms.Where(a => a.Key.Arm.Kind == ArmKind.Bottom))
        {
            if (arms.TryGetValue((setting, bottom with { Kind = ArmKind.Top }), out var topRuns) && PairedDifference.Of("bottom", bottomRuns, "top", topRuns) is { } difference)
            {
                matched.Add(difference);
                text.AppendLine(F($"  {setting}, {Regime(bottom)}, budget {bottom.Budget}: bottom {Layers(bottomRuns)} vs top {Layers(topRuns)}: {difference}"));
            }
        }

        foreach (var note in notes)
        {
            text.AppendLine($"  {note}");
        }

        text.AppendLine(matched.Count == 0
            ? "  no budget ran both sides; run bottom and top at a budget both can match"
            : F($"  in all: bottom wins {matched.Count(d => !d.Identical && d.Low > 0)}, top wins {matched.Count(d => !d.Identical && d.High < 0)}, not resolved {matched.Count(d => !d.Identical && d.Low <= 0 && d.High >= 0)}, the same model {matched.Count(d => d.Identical)} of {matched.Count} matched comparisons."));

        text.AppendLine("Observation 2 (a small bottom-specific share competes with independent models and a strong multi-task baseline):");
        var any = false;
        foreach (var setting in settings)
        {
            foreach (var regime in Enum.GetValues<NormRegime>())
            {
                var bottoms = arms.Where(a => a.Key.Key == setting && a.Key.Arm.Kind == ArmKind.Bottom && a.Key.Arm.Regime == regime)
                    .OrderBy(a => a.Value.Average(r => r.TaskSpecificShare)).Select(a => a.Value);
                foreach (var bottom in bottoms)
                {
                    foreach (var rival in new[] { ArmKind.Independent, ArmKind.SharedUncertainty })
                    {
                        var rivalRuns = arms.Where(a => a.Key.Key == setting && a.Key.Arm.Kind == rival && (rival == ArmKind.Independent || a.Key.Arm.Regime == regime)).Select(a => a.Value).FirstOrDefault();
                        if (rivalRuns is not null && PairedDifference.Of(bottom[0].Arm.Label, bottom, rivalRuns[0].Arm.Label, rivalRuns) is { } difference)
                        {
                            any = true;
                            text.AppendLine(F($"  {setting}: {bottom[0].Arm.Label} ({Share(bottom)}) − {rivalRuns[0].Arm.Label} ({Share(rivalRuns)}): {difference}"));
                        }
                    }
                }
            }
        }

        if (!any)
        {
            text.AppendLine("  run a bottom layout with independent and/or shared-uncertainty to compare");
        }

        var regimes = arms.Where(a => a.Key.Arm.Regime == NormRegime.PerTask)
            .Select(a => (a.Key.Key, a.Key.Arm, PerTask: a.Value, AsLayout: arms.GetValueOrDefault((a.Key.Key, a.Key.Arm with { Regime = NormRegime.AsLayout }))))
            .Where(a => a.AsLayout is not null).ToList();
        if (regimes.Count > 0)
        {
            text.AppendLine("BatchNorm regime (per-task BatchNorm − BatchNorm as the layout has it):");
            foreach (var (setting, arm, perTask, asLayout) in regimes)
            {
                text.AppendLine(F($"  {setting}, {arm.Layout}: {PairedDifference.Of("per-task BN", perTask, "as layout", asLayout!)}"));
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Regime(Arm arm) => arm.Regime == NormRegime.PerTask ? "per-task BN" : "BN as layout";

    private static string Layers(IReadOnlyList<RunResult> runs) => F($"m={runs[0].Layers} ({Share(runs)})");

    private static string Share(IReadOnlyList<RunResult> runs) => F($"{runs.Average(r => r.TaskSpecificShare):0.0%} task-specific");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
