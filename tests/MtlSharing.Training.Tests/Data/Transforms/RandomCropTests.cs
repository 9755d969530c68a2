using MtlSharing.Training.Data.Transforms;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class RandomCropTests
{
    // One 1-channel 3 × 3 image holding 1 … 9 row by row.
    private static Tensor Image() => tensor(Enumerable.Range(1, 9).Select(v => (float)v).ToArray(), new long[] { 1, 1, 3, 3 });

    [Theory]
    [InlineData(0, 0, new float[] { 0, 0, 0, 0, 1, 2, 0, 4, 5 })]   // the padded top-left corner
    [InlineData(1, 1, new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]   // centred: the image itself
    [InlineData(2, 0, new float[] { 0, 4, 5, 0, 7, 8, 0, 0, 0 })]   // bottom-left
    [InlineData(0, 2, new float[] { 0, 0, 0, 2, 3, 0, 5, 6, 0 })]   // top-right
    public void The_window_is_cut_from_the_zero_padded_image_at_the_drawn_offsets(int top, int left, float[] expected)
    {
        using var scope = NewDisposeScope();
        var random = new Data.ScriptedRandom(top, left);

        var output = new RandomCrop(3, padding: 1).Apply(Image(), random);

        output.shape.Should().Equal(1, 1, 3, 3);
        output.data<float>().ToArray().Should().Equal(expected);
        random.Remaining.Should().Be(0);
    }

    [Fact]
    public void Each_sample_draws_its_own_offsets_which_its_channels_share()
    {
        using var scope = NewDisposeScope();
        // Two samples of two channels, 2 × 2 each: values 1 … 16.
        var inputs = tensor(Enumerable.Range(1, 16).Select(v => (float)v).ToArray(), new long[] { 2, 2, 2, 2 });
        var random = new Data.ScriptedRandom(1, 0, 0, 1);

        var output = new RandomCrop(1).Apply(inputs, random);

        // No padding, 1 × 1 windows: sample 0 at (1, 0), sample 1 at (0, 1), the same place in both channels.
        output.shape.Should().Equal(2, 2, 1, 1);
        output.data<float>().ToArray().Should().Equal(3, 7, 10, 14);
    }

    [Fact]
    public void A_window_larger_than_the_padded_image_is_rejected()
    {
        using var scope = NewDisposeScope();

        Invoking(() => new RandomCrop(6, padding: 1).Apply(Image(), new Random(0)))
            .Should().Throw<ArgumentException>().WithMessage("*6 × 6 from 3 × 3 images padded by 1*");
        Invoking(() => new RandomCrop(0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
