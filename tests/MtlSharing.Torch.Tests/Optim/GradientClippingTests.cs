using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class GradientClippingTests
{
    [Fact]
    public void Gradients_above_the_limit_are_scaled_to_it()
    {
        using var scope = NewDisposeScope();
        using var a = Param(0.0, 0.0);
        using var b = Param(0.0);
        SetGrad(a, [3.0, 4.0]);
        SetGrad(b, [12.0]);

        var total = nn.utils.clip_grad_norm_([a, b], max_norm: 6.5);

        total.Should().BeApproximately(13.0, 1e-12);
        var coefficient = 6.5 / (13.0 + 1e-6);
        a.grad!.ToArray<double>().ShouldBeClose([3.0 * coefficient, 4.0 * coefficient]);
        b.grad!.ToArray<double>().ShouldBeClose([12.0 * coefficient]);
    }

    [Fact]
    public void Gradients_below_the_limit_are_left_alone()
    {
        using var scope = NewDisposeScope();
        using var a = Param(0.0, 0.0);
        SetGrad(a, [3.0, 4.0]);

        var total = nn.utils.clip_grad_norm_([a], max_norm: 6.0);

        total.Should().BeApproximately(5.0, 1e-12);
        a.grad!.ToArray<double>().Should().Equal(3.0, 4.0);
    }

    [Theory]
    [InlineData(1.0, 10.0)] // 1 + 2 + 3 + 4
    [InlineData(double.PositiveInfinity, 4.0)] // max |g|
    [InlineData(3.0, 4.641588833612778)] // ∛(1 + 8 + 27 + 64)
    public void Other_norms_use_their_own_formula(double normType, double expectedTotal)
    {
        using var scope = NewDisposeScope();
        using var a = Param(0.0, 0.0);
        using var b = Param(0.0, 0.0);
        using var noGrad = Param(0.0);
        SetGrad(a, [1.0, -2.0]);
        SetGrad(b, [3.0, -4.0]);

        var total = nn.utils.clip_grad_norm_([a, noGrad, b], max_norm: 1.0, norm_type: normType);

        total.Should().BeApproximately(expectedTotal, 1e-8);
        var coefficient = 1.0 / (expectedTotal + 1e-6);
        b.grad!.ToArray<double>().ShouldBeClose([3.0 * coefficient, -4.0 * coefficient], 1e-8);
        noGrad.grad.Should().BeNull();
    }

    [Fact]
    public void No_gradients_give_a_zero_norm()
    {
        using var a = Param(1.0);

        nn.utils.clip_grad_norm_([a], max_norm: 1.0).Should().Be(0);
    }

    [Fact]
    public void Invalid_limits_are_rejected_by_name()
    {
        using var a = Param(1.0);

        FluentActions.Invoking(() => nn.utils.clip_grad_norm_([a], max_norm: -1))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("max_norm");
        FluentActions.Invoking(() => nn.utils.clip_grad_norm_([a], max_norm: 1, norm_type: 0))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("norm_type");
    }
}
