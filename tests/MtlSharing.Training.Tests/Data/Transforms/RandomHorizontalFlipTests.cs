using MtlSharing.Training.Data.Transforms;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class RandomHorizontalFlipTests
{
    // Three 1-channel images of 2 × 3 pixels: image k holds 10k + 0 … 10k + 5, row by row.
    private static Tensor Images() =>
        tensor(Enumerable.Range(0, 3).SelectMany(k => Enumerable.Range(0, 6).Select(p => (float)(10 * k + p))).ToArray(), new long[] { 3, 1, 2, 3 });

    [Fact]
    public void A_sample_is_mirrored_when_its_draw_is_below_the_probability()
    {
        using var scope = NewDisposeScope();
        var random = new Data.ScriptedRandom(0.2, 0.7, 0.69);

        var output = new RandomHorizontalFlip(0.7).Apply(Images(), random);

        output.data<float>().ToArray().Should().Equal(
            2, 1, 0, 5, 4, 3,          // 0.2 < 0.7: mirrored
            10, 11, 12, 13, 14, 15,    // 0.7 is not below 0.7: kept
            22, 21, 20, 25, 24, 23);   // 0.69 < 0.7: mirrored
        random.Remaining.Should().Be(0);
    }

    [Fact]
    public void Probabilities_zero_and_one_never_and_always_flip()
    {
        using var scope = NewDisposeScope();
        var images = Images();

        new RandomHorizontalFlip(0).Apply(images, new Random(1)).data<float>().ToArray().Should().Equal(images.data<float>().ToArray());
        new RandomHorizontalFlip(1).Apply(images, new Random(1)).data<float>().ToArray().Take(6).Should().Equal(2, 1, 0, 5, 4, 3);
    }

    [Fact]
    public void The_same_random_stream_gives_the_same_flips()
    {
        using var scope = NewDisposeScope();
        var images = Images();
        var flip = new RandomHorizontalFlip();

        flip.Apply(images, new Random(5)).data<float>().ToArray().Should().Equal(flip.Apply(images, new Random(5)).data<float>().ToArray());
    }
}
