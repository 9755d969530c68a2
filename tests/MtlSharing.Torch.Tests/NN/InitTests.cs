using static MtlSharing.Torch.torch.nn.init;

namespace MtlSharing.Torch.Tests.NN;

public sealed class InitTests
{
    [Fact]
    public void Linear_weights_lie_within_the_kaiming_bound_with_the_uniform_std()
    {
        using var scope = NewDisposeScope();
        using var linear = nn.Linear(400, 300);
        var bound = 1 / Math.Sqrt(400);
        var weights = linear.weight.ToArray<float>();
        weights.Should().OnlyContain(w => Math.Abs(w) <= bound);
        Std(weights).Should().BeApproximately(bound / Math.Sqrt(3), bound * 0.01);
        linear.bias!.ToArray<float>().Should().OnlyContain(b => Math.Abs(b) <= bound);
    }

    [Fact]
    public void Conv2d_bound_uses_fan_in_over_groups_and_kernel()
    {
        using var scope = NewDisposeScope();
        using var conv = nn.Conv2d(64, 128, 3, groups: 2);
        var bound = 1 / Math.Sqrt(32 * 3 * 3);
        var weights = conv.weight.ToArray<float>();
        weights.Should().OnlyContain(w => Math.Abs(w) <= bound);
        Std(weights).Should().BeApproximately(bound / Math.Sqrt(3), bound * 0.02);
    }

    [Fact]
    public void Kaiming_normal_fan_out_has_std_gain_over_sqrt_fan()
    {
        using var scope = NewDisposeScope();
        var w = empty([200, 100, 3, 3]);
        kaiming_normal_(w, mode: FanInOut.FanOut, nonlinearity: NonlinearityType.ReLU);
        Std(w.ToArray<float>()).Should().BeApproximately(Math.Sqrt(2) / Math.Sqrt(200 * 9), 0.01 * Math.Sqrt(2) / Math.Sqrt(1800));
    }

    [Fact]
    public void Xavier_uniform_uses_both_fans()
    {
        using var scope = NewDisposeScope();
        var w = empty([300, 500]);
        xavier_uniform_(w, gain: 2);
        var bound = 2 * Math.Sqrt(6.0 / 800);
        var values = w.ToArray<float>();
        values.Should().OnlyContain(v => Math.Abs(v) <= bound);
        values.Max().Should().BeGreaterThan((float)(0.99 * bound));
    }

    [Fact]
    public void Xavier_normal_has_the_glorot_std()
    {
        using var scope = NewDisposeScope();
        var w = empty([300, 500]);
        xavier_normal_(w);
        Std(w.ToArray<float>()).Should().BeApproximately(Math.Sqrt(2.0 / 800), 0.01 * Math.Sqrt(2.0 / 800));
    }

    [Fact]
    public void Trunc_normal_stays_within_the_cut_offs_with_the_truncated_moments()
    {
        using var scope = NewDisposeScope();
        var w = empty([200_000]);
        trunc_normal_(w, mean: 1, std: 2, a: 0, b: 3);
        var values = w.ToArray<float>();
        values.Should().OnlyContain(v => v >= 0 && v <= 3);

        // Normal(1, 2²) truncated to [0, 3], i.e. α = −0.5, β = 1: mean = μ + σ (φ(α) − φ(β)) / Z.
        static double Phi(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        const double z = 0.8413447460685429 - 0.3085375387259869; // Φ(1) − Φ(−0.5)
        var expectedMean = 1 + (2 * (Phi(-0.5) - Phi(1)) / z);
        values.Average(v => (double)v).Should().BeApproximately(expectedMean, 0.01);
    }

    [Theory]
    [InlineData(NonlinearityType.Linear, null, 1.0)]
    [InlineData(NonlinearityType.Conv2D, null, 1.0)]
    [InlineData(NonlinearityType.Sigmoid, null, 1.0)]
    [InlineData(NonlinearityType.Tanh, null, 5.0 / 3)]
    [InlineData(NonlinearityType.ReLU, null, 1.4142135623730951)]
    [InlineData(NonlinearityType.LeakyReLU, null, 1.4141428569978354)] // √(2 / (1 + 0.01²))
    [InlineData(NonlinearityType.LeakyReLU, 2.23606797749979, 0.5773502691896257)] // a = √5 → √(1/3)
    [InlineData(NonlinearityType.SELU, null, 0.75)]
    public void Calculate_gain_matches_pytorch(NonlinearityType nonlinearity, double? param, double expected)
    {
        calculate_gain(nonlinearity, param).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Constant_zeros_and_ones_fill_in_place_without_recording_gradients()
    {
        using var scope = NewDisposeScope();
        using var p = nn.Parameter(empty([2, 3]));
        constant_(p, 0.5).Should().BeSameAs(p);
        p.ToArray<float>().Should().OnlyContain(v => v == 0.5f);
        zeros_(p).ToArray<float>().Should().OnlyContain(v => v == 0f);
        ones_(p).ToArray<float>().Should().OnlyContain(v => v == 1f);
        p.is_leaf.Should().BeTrue();
        p.requires_grad.Should().BeTrue();
    }

    [Fact]
    public void Fans_need_two_dimensions()
    {
        using var scope = NewDisposeScope();
        CalculateFanInAndFanOut(empty([16, 4, 3, 5])).Should().Be((60L, 240L));
        var act = () => kaiming_uniform_(empty([7]));
        act.Should().Throw<ArgumentException>().WithMessage("*at least 2 dimensions*[7]*");
    }

    private static double Std(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
