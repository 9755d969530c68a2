using System.Globalization;

namespace RethinkingSharing;

/// <summary>What an arm of the study shares.</summary>
internal enum ArmKind
{
    /// <summary>Every layer per task: T separate networks.</summary>
    Independent,

    /// <summary>Every layer shared, heads per task, equal loss weights.</summary>
    Shared,

    /// <summary>Every layer shared except BatchNorm (Mudrakarta et al.'s model patch).</summary>
    NormOnly,

    /// <summary>The fully shared model trained with learned uncertainty weighting: the strong multi-task baseline.</summary>
    SharedUncertainty,

    /// <summary>The first layers per task, at a budget.</summary>
    Bottom,

    /// <summary>The last layers per task, at a budget.</summary>
    Top,
}

/// <summary>How BatchNorm is shared, the study's second variable.</summary>
internal enum NormRegime
{
    /// <summary>BatchNorm shared or per task as the layout says.</summary>
    AsLayout,

    /// <summary>Every BatchNorm per task (statistics and affine parameters), whatever the layout.</summary>
    PerTask,
}

/// <summary>One arm of the study: a layout, its budget point where it has one, and the BatchNorm regime.</summary>
internal sealed record Arm(ArmKind Kind, BudgetPoint? Budget, NormRegime Regime)
{
    /// <summary>The kinds as the command line names them.</summary>
    public static readonly string[] KindNames = ["independent", "shared", "norm-only", "shared-uncertainty", "bottom", "top"];

    /// <summary>The regimes as the command line names them.</summary>
    public static readonly string[] RegimeNames = ["shared-bn", "per-task-bn"];

    public string KindName => KindNames[(int)Kind];

    public string RegimeName => RegimeNames[(int)Regime];

    /// <summary>E.g. "bottom@10%", "top@top:2", "shared".</summary>
    public string Layout => Budget is null ? KindName : $"{KindName}@{Budget.Label}";

    /// <summary>The layout and, under per-task BatchNorm, the regime: "bottom@10% +bn".</summary>
    public string Label => Regime == NormRegime.PerTask ? Layout + " +bn" : Layout;

    public static ArmKind ParseKind(string text)
    {
        var index = Array.IndexOf(KindNames, text.Trim());
        return index >= 0 ? (ArmKind)index : throw new ArgumentException($"unknown layout '{text}'; valid layouts are {string.Join(", ", KindNames)}");
    }

    public static NormRegime ParseRegime(string text)
    {
        var index = Array.IndexOf(RegimeNames, text.Trim());
        return index >= 0 ? (NormRegime)index : throw new ArgumentException($"unknown BatchNorm regime '{text}'; valid regimes are {string.Join(", ", RegimeNames)}");
    }

    /// <summary>
    /// Every arm of some layouts, budgets and regimes. Bottom and top run once per budget; the
    /// others once. Independent and norm-only already have per-task BatchNorm everywhere, so they run
    /// in the regime as the layout says only; fully shared under per-task BatchNorm is the
    /// norm-only layout, so it too runs once, as norm-only, when both are asked for.
    /// </summary>
    public static IReadOnlyList<Arm> Expand(IEnumerable<ArmKind> kinds, IReadOnlyList<BudgetPoint> budgets, IReadOnlyList<NormRegime> regimes)
    {
        var kindList = kinds.Distinct().ToList();
        var arms = new List<Arm>();
        foreach (var regime in regimes.Distinct())
        {
            foreach (var kind in kindList)
            {
                var redundant = regime == NormRegime.PerTask && (kind is ArmKind.Independent or ArmKind.NormOnly || (kind == ArmKind.Shared && kindList.Contains(ArmKind.NormOnly)));
                if (redundant && regimes.Contains(NormRegime.AsLayout))
                {
                    continue;
                }

                arms.AddRange(kind is ArmKind.Bottom or ArmKind.Top
                    ? budgets.Distinct().Select(b => new Arm(kind, b, regime))
                    : [new Arm(kind, null, regime)]);
            }
        }

        return arms;
    }

    public override string ToString() => Label;
}
