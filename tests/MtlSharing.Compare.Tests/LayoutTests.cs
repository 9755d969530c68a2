namespace MtlSharing.Compare.Tests;

public sealed class LayoutTests
{
    private const int ResNet18Blocks = 9;

    [Theory]
    [InlineData("bottom:2", new[] { 0, 1 })]
    [InlineData("top:2", new[] { 7, 8 })]
    [InlineData("bottom:0", new int[0])]
    [InlineData("top:9", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData("shared", new int[0])]
    [InlineData("independent", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    public void Names_the_per_task_blocks(string text, int[] expected)
    {
        Layout.Parse(text, ResNet18Blocks).SpecificBlocks(ResNet18Blocks).Should().Equal(expected);
    }

    [Theory]
    [InlineData("top:10")]
    [InlineData("middle:1")]
    [InlineData("bottom:-1")]
    [InlineData("bottom:")]
    [InlineData("shared:1")]
    [InlineData("Bottom:1")]
    public void Rejects_an_unknown_layout_and_lists_the_valid_ones(string text)
    {
        var parse = () => Layout.Parse(text, ResNet18Blocks);

        parse.Should().Throw<UsageException>()
            .WithMessage($"unknown layout '{text}'; valid layouts are bottom:k, top:k (k = 0..9), shared, independent");
    }
}
