namespace MtlSharing.Torch.Tests.Runtime;

public sealed class DisposeScopeTests
{
    [Fact]
    public void Tensors_created_in_a_scope_are_disposed_with_it()
    {
        Tensor a, b;
        using (var scope = NewDisposeScope())
        {
            a = ones([2]);
            b = a + 1;
            scope.Count.Should().Be(2);
            a.IsDisposed.Should().BeFalse();
        }

        a.IsDisposed.Should().BeTrue();
        b.IsDisposed.Should().BeTrue();
    }

    [Fact]
    public void Tensors_created_outside_any_scope_are_not_disposed()
    {
        using var outside = ones([2]);
        using (NewDisposeScope())
        {
            using var inner = outside * 2;
        }

        outside.IsDisposed.Should().BeFalse();
        outside.sum().item<float>().Should().Be(2f);
    }

    [Fact]
    public void Moving_to_the_outer_scope_survives_the_inner_one()
    {
        Tensor kept, temporary;
        using (var outer = NewDisposeScope())
        {
            using (NewDisposeScope())
            {
                temporary = ones([3]);
                kept = (temporary * 4).MoveToOuterDisposeScope();
            }

            temporary.IsDisposed.Should().BeTrue();
            kept.IsDisposed.Should().BeFalse();
            kept.sum().item<float>().Should().Be(12f);
            outer.Count.Should().Be(2);
        }

        kept.IsDisposed.Should().BeTrue();
    }

    [Fact]
    public void Moving_out_of_the_only_scope_leaves_the_tensor_to_the_caller()
    {
        Tensor kept;
        using (var scope = NewDisposeScope())
        {
            kept = scope.MoveToOuter(zeros([1]));
        }

        kept.IsDisposed.Should().BeFalse();
        kept.Dispose();
        kept.IsDisposed.Should().BeTrue();
    }

    [Fact]
    public void Nested_scopes_dispose_only_their_own_tensors()
    {
        using var outer = NewDisposeScope();
        var outerTensor = ones([1]);
        Tensor innerTensor;
        using (var inner = NewDisposeScope())
        {
            innerTensor = ones([1]);
            inner.Count.Should().Be(1);
        }

        innerTensor.IsDisposed.Should().BeTrue();
        outerTensor.IsDisposed.Should().BeFalse();

        // New tensors go to the outer scope again once the inner one is gone.
        var later = ones([1]);
        outer.Count.Should().Be(2);
        later.IsDisposed.Should().BeFalse();
    }

    [Fact]
    public void Detached_tensors_outlive_every_scope()
    {
        Tensor detached;
        using (NewDisposeScope())
        {
            using (NewDisposeScope())
            {
                detached = ones([2]).DetachFromDisposeScope();
            }
        }

        detached.IsDisposed.Should().BeFalse();
        detached.sum().item<float>().Should().Be(2f);
        detached.Dispose();
    }

    [Fact]
    public void Tensors_disposed_early_are_skipped_by_the_scope()
    {
        using var scope = NewDisposeScope();
        var t = ones([1]);
        t.Dispose();
        t.IsDisposed.Should().BeTrue();
        scope.Dispose();
        scope.Dispose();
    }

    [Fact]
    public void Scopes_disposed_out_of_order_hand_tensors_to_a_live_scope()
    {
        var outermost = NewDisposeScope();
        var middle = NewDisposeScope();
        var inner = NewDisposeScope();
        middle.Dispose();
        var moved = ones([1]);
        inner.MoveToOuter(moved);
        inner.Dispose();
        moved.IsDisposed.Should().BeFalse();

        var afterwards = ones([1]);
        outermost.Count.Should().Be(2);
        outermost.Dispose();
        moved.IsDisposed.Should().BeTrue();
        afterwards.IsDisposed.Should().BeTrue();
    }

    [Fact]
    public void Scopes_are_per_thread()
    {
        using var scope = NewDisposeScope();
        Tensor? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = ones([1]));
        thread.Start();
        thread.Join();
        scope.Dispose();
        fromOtherThread!.IsDisposed.Should().BeFalse();
        fromOtherThread.Dispose();
    }

    [Fact]
    public void A_scope_disposed_on_another_thread_no_longer_collects_tensors()
    {
        using var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        var thread = new Thread(inner.Dispose);
        thread.Start();
        thread.Join();

        var later = ones([1]);
        inner.Count.Should().Be(0);
        outer.Count.Should().Be(1);
        outer.Dispose();
        later.IsDisposed.Should().BeTrue();
    }
}
