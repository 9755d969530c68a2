namespace MtlSharing.Torch.Tests.Tensors;

public sealed class InPlaceTests
{
    [Fact]
    public void Add_sub_mul_div_in_place_return_the_same_tensor()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3 });
        var y = tensor(new float[] { 1, 1, 2 });
        x.add_(y).Should().BeSameAs(x);
        x.ShouldBeClose(2, 3, 5);
        x.add_(y, alpha: 2).ShouldBeClose(4, 5, 9);
        x.add_(1).ShouldBeClose(5, 6, 10);
        x.sub_(y).ShouldBeClose(4, 5, 8);
        x.sub_(y, alpha: 3).ShouldBeClose(1, 2, 2);
        x.sub_(0.5).ShouldBeClose(0.5, 1.5, 1.5);
        x.mul_(y).ShouldBeClose(0.5, 1.5, 3);
        x.mul_(2).ShouldBeClose(1, 3, 6);
        x.div_(y).ShouldBeClose(1, 3, 3);
        x.div_(4).ShouldBeClose(0.25, 0.75, 0.75);
    }

    [Fact]
    public void In_place_ops_broadcast_the_other_operand()
    {
        using var scope = NewDisposeScope();
        var m = zeros([2, 2]);
        m.add_(tensor(new float[] { 1, 2 }));
        m.ShouldBeClose(1, 2, 1, 2);
    }

    [Fact]
    public void Addcmul_addcdiv_and_lerp()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 1 });
        var a = tensor(new float[] { 2, 3 });
        var b = tensor(new float[] { 4, 6 });
        x.addcmul_(a, b, value: 0.5).ShouldBeClose(1 + (0.5 * 8), 1 + (0.5 * 18));
        x.addcdiv_(a, b).ShouldBeClose(5 + 0.5, 10 + 0.5);
        x.lerp_(tensor(new float[] { 0, 0 }), 0.25).ShouldBeClose(5.5 * 0.75, 10.5 * 0.75);
    }

    [Fact]
    public void Copy_broadcasts_and_converts_the_source()
    {
        using var scope = NewDisposeScope();
        var target = zeros([2, 3]);
        target.copy_(tensor(new long[] { 1, 2, 3 })).Should().BeSameAs(target);
        target.dtype.Should().Be(ScalarType.Float32);
        target.ShouldBeClose(1, 2, 3, 1, 2, 3);
    }

    [Fact]
    public void Zero_fill_clamp_sqrt_neg_and_relu_in_place()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -4, 1, 9 });
        x.clamp_(-1, 4).ShouldBeClose(-1, 1, 4);
        x.neg_().ShouldBeClose(1, -1, -4);
        x.relu_().ShouldBeClose(1, 0, 0);
        x.fill_(16).sqrt_().ShouldBeClose(4, 4, 4);
        x.zero_().ShouldBeClose(0, 0, 0);
    }

    [Fact]
    public void Maximum_in_place_keeps_the_larger_element()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 5, -2 });
        x.maximum_(tensor(new float[] { 3, 2, -1 })).Should().BeSameAs(x);
        x.ShouldBeClose(3, 5, -1);
    }

    [Fact]
    public void In_place_on_a_view_changes_the_base()
    {
        using var scope = NewDisposeScope();
        var m = zeros([2, 2]);
        m[1].add_(3);
        m.ShouldBeClose(0, 0, 3, 3);
    }

    [Fact]
    public void Uniform_and_normal_fill_from_their_distributions()
    {
        using var scope = NewDisposeScope();
        var u = empty([20000], float64).uniform_(-2, 3).ToArray<double>();
        u.Should().OnlyContain(v => v >= -2 && v < 3);
        u.Average().Should().BeApproximately(0.5, 0.05);

        var n = empty([20000], float64).normal_(10, 2).ToArray<double>();
        var mean = n.Average();
        mean.Should().BeApproximately(10, 0.1);
        Math.Sqrt(n.Select(v => (v - mean) * (v - mean)).Average()).Should().BeApproximately(2, 0.1);
    }
}
