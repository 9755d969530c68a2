using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class DropoutTests
{
    [Fact]
    public void Zero_probability_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, -2, 3 });
        F.dropout(x, 0).ShouldBeClose(1, -2, 3);
    }

    [Fact]
    public void Evaluation_mode_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, -2, 3 });
        F.dropout(x, 0.9, training: false).ShouldBeClose(1, -2, 3);
    }

    [Fact]
    public void Training_zeroes_a_fraction_p_and_scales_the_rest_by_one_over_one_minus_p()
    {
        using var scope = NewDisposeScope();
        const double p = 0.3;
        var values = F.dropout(ones([100000]), p).ToArray<float>();
        var zeroFraction = values.Count(v => v == 0) / (double)values.Length;

        // The standard deviation of the fraction is sqrt(0.3 · 0.7 / 1e5) ≈ 0.0015.
        zeroFraction.Should().BeApproximately(p, 0.01);
        values.Where(v => v != 0).Should().OnlyContain(v => Math.Abs(v - (1 / (1 - p))) < 1e-6);
    }

    [Fact]
    public void Probability_one_drops_everything()
    {
        using var scope = NewDisposeScope();
        F.dropout(ones([50]), 1).ToArray<float>().Should().OnlyContain(v => v == 0);
    }

    [Fact]
    public void Dropout2d_drops_whole_channels()
    {
        using var scope = NewDisposeScope();
        var output = F.dropout2d(ones([4, 50, 3, 3]), 0.5);
        var channels = output.reshape(200, 9).ToArray<float>().Chunk(9).ToArray();
        channels.Should().OnlyContain(c => c.All(v => v == 0) || c.All(v => v == 2));
        channels.Count(c => c[0] == 0).Should().BeInRange(40, 160);
        F.dropout2d(ones([1, 2, 2, 2]), 0.5, training: false).ShouldBeClose(1, 1, 1, 1, 1, 1, 1, 1);
    }
}
