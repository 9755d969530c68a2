namespace RethinkingSharing.Tests;

public sealed class VerdictTests
{
    /// <summary>
    /// Bottom against top at three matched budgets: 60 vs 50 (win), 62 vs 65 (loss), 70 vs 60 (win);
    /// bottom@5% has no top partner and must not count. Independent reaches 70 %.
    /// </summary>
    private static List<LayoutSummary> ThreeBudgets() =>
    [
        Made.Summary(Made.Independent, [0.7, 0.7], 1.0, parameters: 4000),
        Made.Summary(Made.Shared, [0.55, 0.55], 0.01),
        Made.Summary(Made.Bottom(0.02), [0.58, 0.62], 0.025, parameters: 1100, blocks: 1),
        Made.Summary(Made.Bottom(0.05), [0.9, 0.9], 0.05, blocks: 2),
        Made.Summary(Made.Bottom(0.1), [0.62, 0.62], 0.09, blocks: 3),
        Made.Summary(Made.Bottom(0.3), [0.7, 0.7], 0.28, blocks: 4),
        Made.Summary(Made.Top(0.02), [0.5, 0.5], 0.019, blocks: 0),
        Made.Summary(Made.Top(0.1), [0.65, 0.65], 0.12, blocks: 1),
        Made.Summary(Made.Top(0.3), [0.6, 0.6], 0.31, blocks: 2),
    ];

    [Fact]
    public void CountsBottomWinsOverMatchedBudgets()
    {
        var text = Verdict.Describe(ThreeBudgets());

        text.Should().Contain("Observation 1 (bottom-specific beats top-specific at a matched budget): bottom wins at 2 of 3 budgets.");
    }

    [Fact]
    public void ReportsEachMatchedBudget()
    {
        var lines = Verdict.Describe(ThreeBudgets()).Split('\n');

        lines.Where(l => l.StartsWith("  target ", StringComparison.Ordinal)).Should().HaveCount(3);
        lines.Should().Contain("  target 2%: bottom 60.00% (share 2.5%, k=1) vs top 50.00% (share 1.9%, k=0); difference +10.00 points, seed std 2.83 / 0.00");
        lines.Should().Contain(l => l.StartsWith("  target 10%: bottom 62.00% (share 9.0%, k=3) vs top 65.00% (share 12.0%, k=1); difference -3.00 points", StringComparison.Ordinal));
    }

    [Fact]
    public void ATieIsNotAWin()
    {
        var text = Verdict.Describe([Made.Summary(Made.Bottom(0.1), [0.6, 0.6], 0.1), Made.Summary(Made.Top(0.1), [0.6, 0.6], 0.1)]);

        text.Should().Contain("bottom wins at 0 of 1 budgets.");
    }

    [Fact]
    public void ComparesTheSmallestBottomShareWithIndependent()
    {
        var text = Verdict.Describe(ThreeBudgets());

        text.Should().Contain(
            "Observation 2 (a small bottom-specific share comes close to independent models): bottom@2% reaches 60.00% with 2.5% task-specific parameters, " +
            "10.00 points below independent (70.00%, 4,000 parameters against 1,100).");
    }

    [Fact]
    public void SaysAboveWhenBottomBeatsIndependent()
    {
        var text = Verdict.Describe([Made.Summary(Made.Independent, [0.6, 0.6], 1.0), Made.Summary(Made.Bottom(0.1), [0.625, 0.625], 0.1)]);

        text.Should().Contain("2.50 points above independent (60.00%");
        text.Should().NotContain("Observation 1", "no top layout ran");
    }

    [Fact]
    public void AsksForTheMissingLayoutsWhenNothingCompares()
    {
        Verdict.Describe([Made.Summary(Made.Shared, [0.5, 0.5], 0.01)])
            .Should().Be("Run both top and bottom layouts (and independent) to compare with the paper.");
    }
}
