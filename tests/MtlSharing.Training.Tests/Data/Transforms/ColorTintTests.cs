using MtlSharing.Training.Data.Transforms;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class ColorTintTests
{
    [Fact]
    public void A_grey_batch_becomes_three_channels_between_background_and_foreground()
    {
        using var scope = NewDisposeScope();
        var grey = tensor(new float[] { 0, 0.5f, 1 }, new long[] { 1, 1, 1, 3 });

        var output = new ColorTint(new Rgb(1, 0.5, 0), new Rgb(0, 0, 1)).Apply(grey, new Random(0));

        // Channel c = background[c] + x · (foreground[c] − background[c]).
        output.shape.Should().Equal(1, 3, 1, 3);
        output.data<float>().ToArray().Should().Equal(
            0f, 0.5f, 1f,        // red: 0 + x · 1
            0f, 0.25f, 0.5f,     // green: 0 + x · 0.5
            1f, 0.5f, 0f);       // blue: 1 + x · (−1)
    }

    [Fact]
    public void Without_a_background_the_tint_multiplies_and_an_RGB_batch_keeps_its_shape()
    {
        using var scope = NewDisposeScope();
        var rgb = tensor(new float[] { 1, 0.5f, 1, 0.5f, 1, 0.5f }, new long[] { 1, 3, 1, 2 });

        var output = new ColorTint(new Rgb(0.2, 0.4, 1)).Apply(rgb, new Random(0));

        output.shape.Should().Equal(1, 3, 1, 2);
        output.data<float>().ToArray().Should().Equal(0.2f, 0.1f, 0.4f, 0.2f, 1f, 0.5f);
    }

    [Fact]
    public void Only_one_or_three_channels_are_accepted()
    {
        using var scope = NewDisposeScope();

        Invoking(() => new ColorTint(Rgb.White).Apply(zeros([1, 2, 1, 1]), new Random(0)))
            .Should().Throw<ArgumentException>().WithMessage("*1 (grey) or 3 (RGB)*has 2*");
    }
}
