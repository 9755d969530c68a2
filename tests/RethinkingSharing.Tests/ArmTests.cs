namespace RethinkingSharing.Tests;

public sealed class ArmTests
{
    [Fact]
    public void BottomAndTopRunOncePerBudgetAndRedundantRegimesRunOnce()
    {
        var arms = Arm.Expand(
            [ArmKind.Independent, ArmKind.Shared, ArmKind.NormOnly, ArmKind.Bottom, ArmKind.Top],
            [BudgetPoint.Share(0.02), BudgetPoint.AtTopLayers(2)],
            [NormRegime.AsLayout, NormRegime.PerTask]);

        arms.Select(a => a.Label).Should().Equal(
            "independent", "shared", "norm-only", "bottom@2%", "bottom@top:2", "top@2%", "top@top:2",
            "bottom@2% +bn", "bottom@top:2 +bn", "top@2% +bn", "top@top:2 +bn");
    }

    [Fact]
    public void FullySharedUnderPerTaskBatchNormRunsWhenNormOnlyDoesNot()
    {
        var arms = Arm.Expand([ArmKind.Shared, ArmKind.SharedUncertainty], [], [NormRegime.AsLayout, NormRegime.PerTask]);

        arms.Select(a => a.Label).Should().Equal("shared", "shared-uncertainty", "shared +bn", "shared-uncertainty +bn");
    }

    [Theory]
    [InlineData("0.1", "10%")]
    [InlineData("10%", "10%")]
    [InlineData("2.5%", "2.5%")]
    [InlineData("1", "100%")]
    [InlineData("top:2", "top:2")]
    public void BudgetsAreSharesOrTopLayerCounts(string text, string label) =>
        BudgetPoint.Parse(text).Label.Should().Be(label);

    [Theory]
    [InlineData("abc", "budget 'abc' is not valid; write a share such as 0.1 or 10%, or top:m")]
    [InlineData("top:x", "budget 'top:x' is not valid")]
    [InlineData("1.5", "budget 1.5 is out of range; a budget is a task-specific share in (0, 1]")]
    [InlineData("0", "budget 0 is out of range")]
    [InlineData("top:0", "top:0 needs at least one layer")]
    public void BadBudgetsSayWhatIsValid(string text, string message) =>
        FluentActions.Invoking(() => BudgetPoint.Parse(text)).Should().Throw<ArgumentException>().WithMessage(message + "*");

    [Fact]
    public void UnknownLayoutsAndRegimesListTheValidOnes()
    {
        FluentActions.Invoking(() => Arm.ParseKind("middle")).Should().Throw<ArgumentException>()
            .WithMessage("unknown layout 'middle'; valid layouts are independent, shared, norm-only, shared-uncertainty, bottom, top");
        FluentActions.Invoking(() => Arm.ParseRegime("none")).Should().Throw<ArgumentException>()
            .WithMessage("unknown BatchNorm regime 'none'; valid regimes are shared-bn, per-task-bn");
    }
}
