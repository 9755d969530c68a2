using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class SgdTests
{
    [Fact]
    public void Plain_step_is_p_minus_lr_times_grad()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0, -2.0, 3.0);
        using var optimizer = optim.SGD([p], lr: 0.1);
        SetGrad(p, [0.5, 0.25, -1.0]);

        optimizer.step();

        Values(p).ShouldBeClose([0.95, -2.025, 3.1]);
    }

    [Fact]
    public void First_momentum_step_uses_the_gradient_undampened_and_the_second_dampens()
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0, -1.0);
        using var optimizer = optim.SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.5);

        SetGrad(p, [1.0, 2.0]);
        optimizer.step();
        // buf = g = [1, 2]; p = [1 - 0.1, -1 - 0.2]
        Values(p).ShouldBeClose([0.9, -1.2]);

        SetGrad(p, [2.0, -2.0]);
        optimizer.step();
        // buf = 0.9*[1, 2] + 0.5*[2, -2] = [1.9, 0.8]; p = [0.9 - 0.19, -1.2 - 0.08]
        Values(p).ShouldBeClose([0.71, -1.28]);
    }

    [Theory]
    [InlineData(0.9, 0.1, 0.01, false, false)]
    [InlineData(0.9, 0.0, 0.01, true, false)]
    [InlineData(0.8, 0.0, 0.0, true, true)]
    [InlineData(0.0, 0.0, 0.05, false, false)]
    public void Three_steps_match_the_update_formula(double momentum, double dampening, double weightDecay, bool nesterov, bool maximize)
    {
        using var scope = NewDisposeScope();
        const double lr = 0.1;
        double[] start = [2.0, 1.0, -1.0];
        using var p = Param(start);
        using var optimizer = optim.SGD([p], lr, momentum, dampening, weightDecay, nesterov, maximize);

        var expected = (double[])start.Clone();
        double[]? buffer = null;
        for (var step = 0; step < 3; step++)
        {
            var grad = QuadraticGrad(expected);
            SetGrad(p, grad);
            optimizer.step();
            for (var i = 0; i < expected.Length; i++)
            {
                var d = (maximize ? -grad[i] : grad[i]) + (weightDecay * expected[i]);
                if (momentum != 0)
                {
                    buffer ??= new double[expected.Length];
                    buffer[i] = step == 0 ? d : (momentum * buffer[i]) + ((1 - dampening) * d);
                    d = nesterov ? d + (momentum * buffer[i]) : buffer[i];
                }

                expected[i] -= lr * d;
            }

            Values(p).ShouldBeClose(expected, because: $"after step {step + 1}");
        }

        Values(p).Should().NotEqual(start);
    }

    [Fact]
    public void Nesterov_needs_momentum_and_no_dampening()
    {
        using var p = Param(1.0);
        var withoutMomentum = () => optim.SGD([p], lr: 0.1, nesterov: true);
        var withDampening = () => optim.SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true);

        withoutMomentum.Should().Throw<ArgumentException>().WithMessage("*Nesterov*momentum*");
        withDampening.Should().Throw<ArgumentException>().WithMessage("*dampening 0.1*");
    }

    [Theory]
    [InlineData(-0.1, 0, 0, "lr")]
    [InlineData(0.1, -0.5, 0, "momentum")]
    [InlineData(0.1, 0, -1e-4, "weight_decay")]
    [InlineData(double.NaN, 0, 0, "lr")]
    public void Invalid_hyperparameters_are_rejected_by_name(double lr, double momentum, double weightDecay, string name)
    {
        using var p = Param(1.0);
        var act = () => optim.SGD([p], lr, momentum, weight_decay: weightDecay);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void Parameters_without_a_gradient_are_skipped()
    {
        using var scope = NewDisposeScope();
        using var withGrad = Param(1.0, 2.0);
        using var withoutGrad = Param(3.0, 4.0);
        using var optimizer = optim.SGD([withGrad, withoutGrad], lr: 0.5, momentum: 0.9, weight_decay: 0.1);
        SetGrad(withGrad, [1.0, 1.0]);

        optimizer.step();

        Values(withoutGrad).Should().Equal(3.0, 4.0);
        Values(withGrad).ShouldBeClose([1 - (0.5 * 1.1), 2 - (0.5 * 1.2)]);
        optimizer.state_dict().Keys.Should().Contain("state.0.momentum_buffer").And.NotContain(k => k.StartsWith("state.1."));
    }

    [Fact]
    public void Zero_grad_drops_gradients_or_fills_them_with_zeros()
    {
        using var scope = NewDisposeScope();
        using var a = Param(1.0, 2.0);
        using var b = Param(3.0);
        using var optimizer = optim.SGD([a, b], lr: 0.1);
        SetGrad(a, [5.0, 6.0]);
        SetGrad(b, [7.0]);

        optimizer.zero_grad(set_to_none: false);
        a.grad!.ToArray<double>().Should().Equal(0.0, 0.0);
        b.grad!.ToArray<double>().Should().Equal(0.0);

        optimizer.zero_grad();
        a.grad.Should().BeNull();
        b.grad.Should().BeNull();
    }

    [Fact]
    public void Closure_loss_is_returned_and_its_gradients_are_used()
    {
        using var scope = NewDisposeScope();
        using var p = Param(3.0);
        using var optimizer = optim.SGD([p], lr: 0.25);

        var loss = optimizer.step(() =>
        {
            optimizer.zero_grad();
            var l = (p * p).sum();
            l.backward();
            return l;
        });

        loss!.item<double>().Should().Be(9.0);
        Values(p).Should().Equal(3.0 - (0.25 * 6.0));
    }

    [Fact]
    public void A_disposed_optimizer_refuses_to_step()
    {
        using var p = Param(1.0);
        var optimizer = optim.SGD([p], lr: 0.1);
        optimizer.Dispose();

        var act = () => optimizer.step();

        act.Should().Throw<ObjectDisposedException>();
    }
}
