using System.Globalization;

namespace RethinkingSharing.Tests;

public sealed class LayoutSpecTests
{
    [Fact]
    public void BudgetsExpandOnlyTopAndBottom()
    {
        var layouts = LayoutSpec.Expand(["independent", "shared", "top", "bottom"], [0.02, 0.1]);

        layouts.Should().Equal(
            new LayoutSpec("independent", null),
            new LayoutSpec("shared", null),
            new LayoutSpec("top", 0.02),
            new LayoutSpec("top", 0.1),
            new LayoutSpec("bottom", 0.02),
            new LayoutSpec("bottom", 0.1));
    }

    [Fact]
    public void ReferenceLayoutsIgnoreTheBudgets()
    {
        LayoutSpec.Expand(["shared", "independent"], [0.02, 0.1, 0.3])
            .Should().Equal(new LayoutSpec("shared", null), new LayoutSpec("independent", null));
    }

    [Fact]
    public void LayoutNamedTwiceRunsOnce()
    {
        LayoutSpec.Expand(["top", "shared", "top"], [0.1, 0.1])
            .Should().Equal(new LayoutSpec("top", 0.1), new LayoutSpec("shared", null));
    }

    [Fact]
    public void UnknownLayoutListsTheValidOnes()
    {
        var expand = () => LayoutSpec.Expand(["shared", "middle"], [0.1]);

        expand.Should().Throw<ArgumentException>()
            .WithMessage("unknown layout 'middle'; valid layouts are independent, shared, top, bottom");
    }

    [Fact]
    public void LabelsNameTheTargetShare()
    {
        new LayoutSpec("independent", null).Label.Should().Be("independent");
        new LayoutSpec("top", 0.02).Label.Should().Be("top@2%");
        new LayoutSpec("bottom", 0.025).Label.Should().Be("bottom@2.5%");
    }

    [Fact]
    public void LabelsDoNotDependOnTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            new LayoutSpec("bottom", 0.025).Label.Should().Be("bottom@2.5%", "labels go into CSV files, where a decimal comma would split a field");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
