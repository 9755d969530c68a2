namespace RethinkingSharing.Tests;

public sealed class FindingsTests
{
    /// <summary>
    /// Bottom against top at 2% in both regimes, three seeds: bottom 60, 62, 64 against top 50,
    /// 53, 55 (differences 10, 9, 9: mean 9.33, std 0.577, half-width 4.303 × 0.577 / √3 = 1.434);
    /// under per-task BN bottom 70, 71, 72 against top 70, 72, 71 (0, −1, +2). Independent 65, 66, 70.
    /// </summary>
    private static List<RunResult> Runs() =>
    [
        .. Made.Runs(Made.Independent, [0.65, 0.66, 0.70], 1.0),
        .. Made.Runs(Made.Bottom(0.02), [0.60, 0.62, 0.64], 0.020, layers: 2),
        .. Made.Runs(Made.Top(0.02), [0.50, 0.53, 0.55], 0.018, layers: 1),
        .. Made.Runs(Made.Bottom(0.02, NormRegime.PerTask), [0.70, 0.71, 0.72], 0.021, layers: 2),
        .. Made.Runs(Made.Top(0.02, NormRegime.PerTask), [0.70, 0.72, 0.70], 0.019, layers: 1),
    ];

    [Fact]
    public void EachMatchedBudgetGetsAPairedDifferenceAndAVerdict()
    {
        var lines = Findings.Describe(Runs(), []).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        lines.Should().Contain("  budgets/resnet18/T2, BN as layout, budget 2%: bottom m=2 (2.0% task-specific) vs top m=1 (1.8% task-specific): +9.33 points [+7.90, +10.77], 3 pairs: bottom wins");
        lines.Should().Contain("  budgets/resnet18/T2, per-task BN, budget 2%: bottom m=2 (2.1% task-specific) vs top m=1 (1.9% task-specific): +0.33 points [-3.46, +4.13], 3 pairs: not resolved");
        lines.Should().Contain("  in all: bottom wins 1, top wins 0, not resolved 1, the same model 0 of 2 matched comparisons.");
    }

    [Fact]
    public void BudgetsThatCouldNotBeMatchedAreSaid()
    {
        Findings.Describe(Runs(), ["budgets/resnet18/T2: top@10% +bn: not run, the nearest top 1 layers: 1.8% task-specific (target 10%, NOT matched: more than 2% away)"])
            .Should().Contain("  budgets/resnet18/T2: top@10% +bn: not run");
    }

    [Fact]
    public void TheSmallestBottomShareIsComparedWithIndependentModelsInEachRegime()
    {
        var text = Findings.Describe(Runs(), []);

        // 60 − 65, 62 − 66, 64 − 70 = −5, −4, −6: mean −5, std 1, half-width 2.484.
        text.Should().Contain("  budgets/resnet18/T2: bottom@2% (2.0% task-specific) − independent (100.0% task-specific): -5.00 points [-7.48, -2.52], 3 pairs: independent wins");
        text.Should().Contain("  budgets/resnet18/T2: bottom@2% +bn (2.1% task-specific) − independent (100.0% task-specific): +4.00 points");
    }

    [Fact]
    public void EveryBottomArmIsComparedWithIndependentModelsSmallestShareFirst()
    {
        var runs = Runs().Concat(Made.Runs(Made.Bottom(0.3), [0.66, 0.66, 0.70], 0.30, layers: 9)).ToList();

        var lines = Findings.Describe(runs, []).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains("− independent", StringComparison.Ordinal)).ToList();

        // bottom@30% − independent: 66 − 65, 66 − 66, 70 − 70 = 1, 0, 0.
        lines.Should().HaveCount(3);
        lines[0].Should().StartWith("  budgets/resnet18/T2: bottom@2% (2.0% task-specific)");
        lines[1].Should().StartWith("  budgets/resnet18/T2: bottom@30% (30.0% task-specific) − independent (100.0% task-specific): +0.33 points");
        lines[2].Should().StartWith("  budgets/resnet18/T2: bottom@2% +bn");
    }

    [Fact]
    public void TheBatchNormRegimeIsComparedLayoutByLayout()
    {
        var text = Findings.Describe(Runs(), []);

        // bottom: 70 − 60, 71 − 62, 72 − 64 = 10, 9, 8.
        text.Should().Contain("BatchNorm regime (per-task BatchNorm − BatchNorm as the layout has it):");
        text.Should().Contain("  budgets/resnet18/T2, bottom@2%: +9.00 points [+6.52, +11.48], 3 pairs: per-task BN wins");
    }

    [Fact]
    public void WithoutBothSidesNothingIsCompared()
    {
        var text = Findings.Describe([.. Made.Runs(Made.Shared, [0.5, 0.5], 0.01)], []);

        text.Should().Contain("no budget ran both sides");
        text.Should().Contain("run a bottom layout with independent and/or shared-uncertainty to compare");
    }
}
