using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class AdamTests
{
    [Fact]
    public void First_step_moves_each_element_by_lr_against_the_gradient_sign()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0, 1.0, 1.0);
        using var optimizer = optim.Adam([p], lr: 0.1, eps: 0);
        SetGrad(p, [3.0, -0.02, 400.0]);

        optimizer.step();

        // m̂ = g and v̂ = g² after bias correction, so the step is lr·g/|g|.
        Values(p).ShouldBeClose([0.9, 1.1, 0.9]);
    }

    [Theory]
    [InlineData(false, false, 0.0)]
    [InlineData(false, false, 0.1)]
    [InlineData(true, false, 0.1)]
    [InlineData(false, true, 0.1)]
    [InlineData(true, true, 0.0)]
    public void Three_steps_match_the_update_formula(bool decoupled, bool amsgrad, double weightDecay)
    {
        using var scope = NewDisposeScope();
        const double lr = 0.05, beta1 = 0.8, beta2 = 0.5, eps = 1e-3;
        double[] start = [2.0, 1.0, -1.0];
        double[][] grads = [[1.0, -2.0, 0.5], [0.1, 0.2, -0.4], [0.05, -0.01, 0.3]];
        using var p = Param(start);
        using var optimizer = decoupled
            ? (optim.Optimizer)optim.AdamW([p], lr, beta1, beta2, eps, weightDecay, amsgrad)
            : optim.Adam([p], lr, beta1, beta2, eps, weightDecay, amsgrad);

        var expected = (double[])start.Clone();
        var m = new double[3];
        var v = new double[3];
        var vMax = new double[3];
        for (var t = 1; t <= 3; t++)
        {
            SetGrad(p, grads[t - 1]);
            optimizer.step();
            for (var i = 0; i < 3; i++)
            {
                var g = grads[t - 1][i];
                if (decoupled)
                {
                    expected[i] *= 1 - (lr * weightDecay);
                }
                else
                {
                    g += weightDecay * expected[i];
                }

                m[i] = (beta1 * m[i]) + ((1 - beta1) * g);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * g * g);
                vMax[i] = Math.Max(vMax[i], v[i]);
                var mHat = m[i] / (1 - Math.Pow(beta1, t));
                var vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.Pow(beta2, t));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }

            Values(p).ShouldBeClose(expected, 1e-12, $"after step {t}");
        }
    }

    [Fact]
    public void Amsgrad_changes_the_result_when_the_second_moment_shrinks()
    {
        using var scope = NewDisposeScope();
        using var plain = Param(1.0);
        using var ams = Param(1.0);
        using var plainOptimizer = optim.Adam([plain], lr: 0.1, beta2: 0.5);
        using var amsOptimizer = optim.Adam([ams], lr: 0.1, beta2: 0.5, amsgrad: true);
        foreach (var g in new[] { 4.0, 0.1, 0.1 })
        {
            SetGrad(plain, [g]);
            SetGrad(ams, [g]);
            plainOptimizer.step();
            amsOptimizer.step();
        }

        Math.Abs(Values(plain)[0] - Values(ams)[0]).Should().BeGreaterThan(1e-3);
    }

    [Fact]
    public void AdamW_decays_weights_even_without_a_moment_change()
    {
        using var scope = NewDisposeScope();
        using var p = Param(2.0);
        using var optimizer = optim.AdamW([p], lr: 0.1, weight_decay: 0.5);
        SetGrad(p, [0.0]);

        optimizer.step();

        // m = v = 0, so only the decoupled decay acts: p·(1 − lr·wd).
        Values(p).ShouldBeClose([2.0 * 0.95]);
    }

    [Theory]
    [InlineData(-1e-3, 0.9, 0.999, 1e-8, 0.0, "lr")]
    [InlineData(1e-3, 1.0, 0.999, 1e-8, 0.0, "beta1")]
    [InlineData(1e-3, -0.1, 0.999, 1e-8, 0.0, "beta1")]
    [InlineData(1e-3, 0.9, 1.5, 1e-8, 0.0, "beta2")]
    [InlineData(1e-3, 0.9, 0.999, -1e-8, 0.0, "eps")]
    [InlineData(1e-3, 0.9, 0.999, 1e-8, -0.01, "weight_decay")]
    public void Invalid_hyperparameters_are_rejected_by_name(double lr, double beta1, double beta2, double eps, double weightDecay, string name)
    {
        using var p = Param(1.0);

        FluentActions.Invoking(() => optim.Adam([p], lr, beta1, beta2, eps, weightDecay))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
        FluentActions.Invoking(() => optim.AdamW([p], lr, beta1, beta2, eps, weightDecay))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }
}
