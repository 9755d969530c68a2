namespace MtlSharing.Torch.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Zeros_has_the_requested_shape()
    {
        using var t = zeros([2, 3]);
        t.shape.Should().Equal(2, 3);
        t.dtype.Should().Be(ScalarType.Float32);
        t.ToArray<float>().Should().OnlyContain(v => v == 0f);
    }

    [Fact]
    public void Ops_run()
    {
        using var scope = NewDisposeScope();
        var x = randn([2, 3, 8, 8]);
        var w = randn([4, 3, 3, 3]);
        var y = nn.functional.conv2d(x, w, padding: [1]);
        y.shape.Should().Equal(2, 4, 8, 8);
        var logits = randn([5, 3], requires_grad: true);
        var target = tensor(new long[] { 0, 1, 2, 0, 1 });
        var loss = nn.functional.cross_entropy(logits, target, label_smoothing: 0.1);
        loss.backward();
        logits.grad!.shape.Should().Equal(5, 3);
        var parts = arange(10L).split(3);
        parts.Should().HaveCount(4);
        var (values, idx) = logits.max(1);
        idx.dtype.Should().Be(ScalarType.Int64);
        nn.functional.gelu(x).shape.Should().Equal(2, 3, 8, 8);
        x.narrow(0, 1, 1).shape.Should().Equal(1, 3, 8, 8);
        var act = () => nn.functional.conv2d(randn([2, 5, 8, 8]), w);
        act.Should().Throw<TorchException>().WithMessage("*channels*");
    }

    [Fact]
    public void Parameter_is_a_leaf_sharing_storage()
    {
        using var data = ones([3]);
        using var p = nn.Parameter(data);
        p.requires_grad.Should().BeTrue();
        p.is_leaf.Should().BeTrue();
        data.fill_(2);
        p.ToArray<float>().Should().Equal(2f, 2f, 2f);
    }
}
