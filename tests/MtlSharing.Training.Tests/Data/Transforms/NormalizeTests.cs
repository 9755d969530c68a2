using MtlSharing.Training.Data.Transforms;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class NormalizeTests
{
    [Fact]
    public void Each_channel_is_centred_and_scaled_by_its_own_statistics()
    {
        using var scope = NewDisposeScope();
        // One image, two channels of 1 × 2 pixels: channel 0 = [0, 1], channel 1 = [2, 6].
        var inputs = tensor(new float[] { 0, 1, 2, 6 }, new long[] { 1, 2, 1, 2 });

        var output = new Normalize([0.5, 2], [0.5, 4]).Apply(inputs, new Random(0));

        // (0 − 0.5) / 0.5 = −1, (1 − 0.5) / 0.5 = 1, (2 − 2) / 4 = 0, (6 − 2) / 4 = 1.
        output.shape.Should().Equal(1, 2, 1, 2);
        output.data<float>().ToArray().Should().Equal(-1f, 1f, 0f, 1f);
        inputs.data<float>().ToArray().Should().Equal(0f, 1f, 2f, 6f);
    }

    [Fact]
    public void Bad_statistics_and_channel_mismatches_are_rejected()
    {
        using var scope = NewDisposeScope();

        Invoking(() => new Normalize([0.5], [0.5, 1])).Should().Throw<ArgumentException>().WithMessage("*1 and 2*");
        Invoking(() => new Normalize([0.5], [0])).Should().Throw<ArgumentException>().WithMessage("*positive*");
        Invoking(() => new Normalize([0.5], [1]).Apply(zeros([1, 3, 2, 2]), new Random(0)))
            .Should().Throw<ArgumentException>().WithMessage("*1 channel statistics*3 channels*");
    }
}
