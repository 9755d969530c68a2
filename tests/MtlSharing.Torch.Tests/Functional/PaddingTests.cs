using MtlSharing.Torch.Tests.Tensors;
using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Functional;

public sealed class PaddingTests
{
    [Fact]
    public void Pad_adds_constant_values_before_and_after_the_last_dimensions()
    {
        using var scope = NewDisposeScope();
        var m = from_array(new float[,] { { 1, 2 }, { 3, 4 } });

        var wider = F.pad(m, [1, 2]);
        wider.shape.Should().Equal(2, 5);
        wider.ShouldBeClose(0, 1, 2, 0, 0, 0, 3, 4, 0, 0);

        var framed = F.pad(m, [0, 1, 1, 0], value: -1);
        framed.shape.Should().Equal(3, 3);
        framed.ShouldBeClose(-1, -1, -1, 1, 2, -1, 3, 4, -1);

        F.pad(m, [-1, 0]).ShouldBeClose(2, 4);
    }

    [Fact]
    public void Pad_needs_pairs_of_values()
    {
        using var scope = NewDisposeScope();
        var act = () => F.pad(zeros([2]), [1]);
        act.Should().Throw<ArgumentException>().WithMessage("pad needs two values (before, after) per dimension; got 1 values*").Which.ParamName.Should().Be("pad");
    }
}
