using MtlSharing.Training.Data.Transforms;
using MtlSharing.Training.Tests.Weighting;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data.Transforms;

public sealed class GaussianNoiseTests
{
    [Fact]
    public void Each_pair_of_values_takes_the_cos_and_sin_terms_of_two_draws_and_the_result_is_clamped()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0.5f, 0.5f, 0.1f, 0.95f, 0.3f }, new long[] { 1, 1, 1, 5 });
        // u₁ = 1 − e^(−r²/2) gives √(−2 ln(1 − u₁)) = r; u₂ = 0, 0.5, 0.25 give angles 0, π, π/2.
        var random = new Data.ScriptedRandom(1 - Math.Exp(-0.5), 0, 1 - Math.Exp(-2), 0.5, 1 - Math.Exp(-0.5), 0.25);

        var output = new GaussianNoise(0.1).Apply(inputs, random);

        // Pair 1: r = 1, angle 0: +0.1 and +0. Pair 2: r = 2, angle π: −0.2 (0.1 → −0.1, clamped to 0) and −0 (0.95).
        // The odd last value: r = 1, angle π/2: cos term ≈ 0.
        output.to(float64).data<double>().ToArray().ShouldBeCloseWithin(1e-6, 0.6, 0.5, 0, 0.95, 0.3);
        random.Remaining.Should().Be(0);
    }

    [Fact]
    public void Noise_above_one_is_clamped_to_one()
    {
        using var scope = NewDisposeScope();
        var inputs = tensor(new float[] { 0.95f, 0.95f }, new long[] { 1, 1, 1, 2 });

        var output = new GaussianNoise(0.1).Apply(inputs, new Data.ScriptedRandom(1 - Math.Exp(-0.5), 0));

        output.data<float>().ToArray()[0].Should().Be(1f);
    }

    [Fact]
    public void The_noise_has_the_asked_standard_deviation_and_the_same_stream_gives_the_same_noise()
    {
        using var scope = NewDisposeScope();
        var inputs = full(new long[] { 4, 1, 50, 50 }, 0.5f);
        var noise = new GaussianNoise(0.05);

        var output = noise.Apply(inputs, new Random(7));

        output.mean().ToSingle().Should().BeApproximately(0.5f, 0.002f);
        output.std().ToSingle().Should().BeApproximately(0.05f, 0.002f);
        output.data<float>().ToArray().Should().Equal(noise.Apply(inputs, new Random(7)).data<float>().ToArray());
    }

    [Fact]
    public void The_standard_deviation_is_checked()
    {
        Invoking(() => new GaussianNoise(-1)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*at least 0*");
        Invoking(() => new GaussianNoise(double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
