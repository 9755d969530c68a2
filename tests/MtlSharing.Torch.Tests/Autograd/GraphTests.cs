using MtlSharing.Torch.Tests.Tensors;

namespace MtlSharing.Torch.Tests.Autograd;

public sealed class GraphTests
{
    [Fact]
    public void Results_of_recorded_operations_require_grad_and_are_not_leaves()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        var constant = ones([2]);
        x.is_leaf.Should().BeTrue();
        var y = x * constant;
        y.requires_grad.Should().BeTrue();
        y.is_leaf.Should().BeFalse();
        (constant * 2).requires_grad.Should().BeFalse();
        constant.requires_grad_().requires_grad.Should().BeTrue();
        constant.requires_grad_(false).requires_grad.Should().BeFalse();
    }

    [Fact]
    public void Detach_cuts_the_graph_and_clone_keeps_it()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var d = x.detach();
        d.requires_grad.Should().BeFalse();
        d.is_leaf.Should().BeTrue();

        // y = x·detach(x) differentiates only through the first factor.
        (x * d).sum().backward();
        x.grad!.ShouldBeClose(1, 2);

        x.grad = null;
        (x.clone() * 5).sum().backward();
        x.grad!.ShouldBeClose(5, 5);
    }

    [Fact]
    public void No_grad_records_nothing()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        Tensor y;
        using (no_grad())
        {
            is_grad_enabled().Should().BeFalse();
            y = x * 2;
        }

        is_grad_enabled().Should().BeTrue();
        y.requires_grad.Should().BeFalse();
        y.is_leaf.Should().BeTrue();
    }

    [Fact]
    public void Set_grad_enabled_nests_and_restores_the_previous_mode()
    {
        using var scope = NewDisposeScope();
        var x = ones([1], requires_grad: true);
        using (no_grad())
        {
            using (set_grad_enabled(true))
            {
                is_grad_enabled().Should().BeTrue();
                (x * 2).requires_grad.Should().BeTrue();
                using (set_grad_enabled(false))
                {
                    (x * 2).requires_grad.Should().BeFalse();
                }

                is_grad_enabled().Should().BeTrue();
            }

            is_grad_enabled().Should().BeFalse();
        }

        is_grad_enabled().Should().BeTrue();
    }

    [Fact]
    public void Disposing_a_grad_mode_scope_twice_restores_only_once()
    {
        var outer = no_grad();
        var inner = set_grad_enabled(true);
        inner.Dispose();
        is_grad_enabled().Should().BeFalse();
        inner.Dispose();
        is_grad_enabled().Should().BeFalse();
        outer.Dispose();
        is_grad_enabled().Should().BeTrue();
    }

    [Fact]
    public void Grad_mode_is_per_thread()
    {
        using (no_grad())
        {
            var elsewhere = false;
            var thread = new Thread(() => elsewhere = is_grad_enabled());
            thread.Start();
            thread.Join();
            elsewhere.Should().BeTrue();
        }

        is_grad_enabled().Should().BeTrue();
    }

    [Fact]
    public void Autograd_grad_with_create_graph_gives_the_second_derivative()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 2, -1, 0.5 }, requires_grad: true);
        var y = x.pow(3).sum();

        var first = autograd.grad([y], [x], create_graph: true)[0]!;
        first.ShouldBeClose(12, 3, 0.75);
        first.requires_grad.Should().BeTrue();

        var second = autograd.grad([first.sum()], [x])[0]!;
        second.ShouldBeClose(12, -6, 3);

        x.grad.Should().BeNull("autograd.grad does not accumulate into .grad");
    }

    [Fact]
    public void Autograd_grad_uses_grad_outputs_and_retain_graph()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 1, 2 }, requires_grad: true);
        var y = x * x;
        var weighted = autograd.grad([y], [x], [tensor(new double[] { 1, 0.5 })], retain_graph: true)[0]!;
        weighted.ShouldBeClose(2, 2);
        var again = autograd.grad([y], [x], [ones([2], float64)])[0]!;
        again.ShouldBeClose(2, 4);
    }

    [Fact]
    public void Autograd_grad_returns_null_for_unused_inputs_when_allowed()
    {
        using var scope = NewDisposeScope();
        var x = ones([1], requires_grad: true);
        var unused = ones([1], requires_grad: true);
        var grads = autograd.grad([(x * 3).sum()], [x, unused], allow_unused: true);
        grads[0]!.ShouldBeClose(3);
        grads[1].Should().BeNull();
    }

    [Fact]
    public void Parameters_are_leaves_that_share_storage_with_their_data()
    {
        using var scope = NewDisposeScope();
        var data = ones([3]);
        using var p = nn.Parameter(data);
        p.requires_grad.Should().BeTrue();
        p.is_leaf.Should().BeTrue();
        data.fill_(2);
        p.ShouldBeClose(2, 2, 2);
        (p * p).sum().backward();
        p.grad!.ShouldBeClose(4, 4, 4);
        using var frozen = nn.Parameter(data, requires_grad: false);
        frozen.requires_grad.Should().BeFalse();
    }
}
