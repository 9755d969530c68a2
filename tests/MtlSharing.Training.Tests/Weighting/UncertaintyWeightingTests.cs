using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// Uncertainty weighting, L = Σ_t exp(−s_t)·L_t + s_t, on the toy model of
/// <see cref="EqualAndFixedWeightingTests"/> (L_a = 5, L_b = 2), where ∂L/∂s_t = 1 − exp(−s_t)·L_t.
/// </summary>
public sealed class UncertaintyWeightingTests
{
    [Fact]
    public void At_zero_log_variances_the_weights_are_one()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new UncertaintyWeighting();
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1, 2));

        // ∂L/∂s_a = 1 − 5 = −4, ∂L/∂s_b = 1 − 2 = −1; the model gets the gradient of L_a + L_b
        var s = weighting.Parameters().ToList();
        s.Should().HaveCount(2);
        s.Select(p => p.dtype).Should().AllBeEquivalentTo(ScalarType.Float64);
        ToyModel.Grad(s[0]).ShouldBeClose(-4);
        ToyModel.Grad(s[1]).ShouldBeClose(-1);
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(4, 8, 1.5, 3);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
    }

    [Fact]
    public void Combined_loss_and_gradients_follow_the_log_variances()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new UncertaintyWeighting();
        weighting.Initialize(toy.Model);
        // s_a = ln 2 → exp(−s_a) = 0.5; s_b = −ln 1.5 → exp(−s_b) = 1.5
        weighting.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["log_variance.a"] = tensor(Math.Log(2), float64),
            ["log_variance.b"] = tensor(-Math.Log(1.5), float64),
        });

        // 0.5·5 + ln 2 + 1.5·2 − ln 1.5 = 5.5 + ln(4/3) = 5.787682072451781
        weighting.Loss(toy.Losses(1, 2)).ToDouble().Should().BeApproximately(5.787682072451781, 1e-12);
        weighting.Backward(toy.Losses(1, 2));

        // ∂L/∂s_a = 1 − 0.5·5 = −1.5, ∂L/∂s_b = 1 − 1.5·2 = −2;
        // ∇_W = 0.5·[[1, 2], [2, 4]] + 1.5·[[3, 6], [−0.5, −1]] = [[5, 10], [0.25, 0.5]]
        var s = weighting.Parameters().ToList();
        ToyModel.Grad(s[0]).ShouldBeClose(-1.5);
        ToyModel.Grad(s[1]).ShouldBeClose(-2);
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(5, 10, 0.25, 0.5);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(1.5, 3);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 1.5 });
    }

    [Fact]
    public void State_round_trips_and_bad_state_changes_nothing()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var source = new UncertaintyWeighting();
        source.Initialize(toy.Model);
        using (no_grad())
        {
            source.Parameters().First().fill_(0.25);
        }

        var target = new UncertaintyWeighting();
        target.Initialize(toy.Model);
        target.LoadStateDict(source.StateDict());
        target.LogVariance("a").Should().Be(0.25);
        target.LogVariance("b").Should().Be(0);

        var missing = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["log_variance.a"] = tensor(1.0, float32) });
        var unknown = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["log_variance.a"] = tensor(1.0, float32), ["log_variance.b"] = tensor(1.0, float32), ["log_variance.c"] = tensor(1.0, float32) });
        var notFinite = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["log_variance.a"] = tensor(1.0, float32), ["log_variance.b"] = tensor(double.NaN, float32) });
        missing.Should().Throw<ArgumentException>().WithMessage("*no entry 'log_variance.b'*");
        unknown.Should().Throw<ArgumentException>().WithMessage("*unexpected entries log_variance.c*");
        notFinite.Should().Throw<ArgumentException>().WithMessage("*'log_variance.b' is NaN*");
        target.LogVariance("a").Should().Be(0.25);
    }

    [Fact]
    public void Backward_needs_a_log_variance_for_every_task()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();

        var act = () => new UncertaintyWeighting().Backward(toy.Losses(1, 2));

        act.Should().Throw<ArgumentException>().WithMessage("*no log-variance*call Initialize(model) first*");
    }
}
