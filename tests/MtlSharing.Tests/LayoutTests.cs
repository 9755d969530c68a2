using MtlSharing.Plans;

namespace MtlSharing.Tests;

public sealed class LayoutTests
{
    [Theory]
    [InlineData("shared", LayoutKind.Shared, 0)]
    [InlineData("independent", LayoutKind.Independent, 0)]
    [InlineData("norm-only", LayoutKind.NormOnly, 0)]
    [InlineData("bottom:3", LayoutKind.Bottom, 3)]
    [InlineData(" Top:1 ", LayoutKind.Top, 1)]
    public void Layouts_parse_and_print_back(string text, LayoutKind kind, int blocks)
    {
        var layout = Layout.Parse(text);

        (layout.Kind, layout.Blocks).Should().Be((kind, blocks));
        Layout.Parse(layout.ToString()).Should().Be(layout);
    }

    [Theory]
    [InlineData("bottom")]
    [InlineData("bottom:-1")]
    [InlineData("middle:2")]
    [InlineData("")]
    public void Anything_else_is_refused_listing_the_forms(string text)
    {
        var act = () => Layout.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"unknown layout '{text}'; expected shared, independent, norm-only, bottom:k or top:k*");
    }

    [Fact]
    public void A_layout_makes_the_matching_preset()
    {
        using var net = new TinyNet();

        var bottom = Layout.Bottom(1).ToPlan(Fixtures.Tasks, Fixtures.Head).Describe(net);
        var top = Layout.Top(1).ToPlan(Fixtures.Tasks, Fixtures.Head).Describe(net);

        bottom.ToText().Should().Be(SharingPresets.BottomSpecific(Fixtures.Tasks, Fixtures.Head, 1).Describe(net).ToText());
        top.ToText().Should().Be(SharingPresets.TopSpecific(Fixtures.Tasks, Fixtures.Head, 1).Describe(net).ToText());
    }
}
