namespace RethinkingSharing.Tests;

public sealed class ResolvedPartTests
{
    private static readonly StudySetting Setting = new("budgets", "resnet18", 8, ["digits", "fashion"]);

    [Fact]
    public void BottomAndTopArmsWithACounterpartGetTheComparisonSeedsAndTheOthersTheReferenceSeeds()
    {
        var twoPercent = BudgetPoint.Share(0.02);
        var tenPercent = BudgetPoint.Share(0.10);
        Arm[] runnable =
        [
            new(ArmKind.Independent, null, NormRegime.AsLayout),
            new(ArmKind.Bottom, twoPercent, NormRegime.AsLayout),
            new(ArmKind.Top, twoPercent, NormRegime.AsLayout),
            new(ArmKind.Bottom, tenPercent, NormRegime.AsLayout),
            new(ArmKind.Bottom, twoPercent, NormRegime.PerTask),
            new(ArmKind.Top, tenPercent, NormRegime.PerTask),
        ];

        var resolved = ResolvedPart.From(new StudyPart(Setting, runnable, Seeds: 5, ReferenceSeeds: 3), runnable, []);

        resolved.Runnable.Select(a => (a.Arm.Label, a.Seeds)).Should().Equal(
            ("independent", 3), ("bottom@2%", 5), ("top@2%", 5), ("bottom@10%", 3), ("bottom@2% +bn", 3), ("top@10% +bn", 3));
        resolved.RunCount.Should().Be(22);
    }

    [Fact]
    public void APartWithOneSeedCountRunsItForEveryArm()
    {
        Arm[] runnable = [new(ArmKind.Shared, null, NormRegime.AsLayout), new(ArmKind.Top, BudgetPoint.AtTopLayers(2), NormRegime.AsLayout)];

        var resolved = ResolvedPart.From(new StudyPart(Setting, runnable, 4), runnable, ["top@2%: not run"]);

        resolved.Runnable.Select(a => a.Seeds).Should().Equal(4, 4);
        resolved.Notes.Should().Equal("top@2%: not run");
    }
}
