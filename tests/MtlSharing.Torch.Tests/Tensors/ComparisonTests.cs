namespace MtlSharing.Torch.Tests.Tensors;

public sealed class ComparisonTests
{
    [Fact]
    public void Comparisons_with_tensors_give_bool_masks()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3 });
        var b = tensor(new float[] { 3, 2, 1 });
        var eq = a.eq(b);
        eq.dtype.Should().Be(ScalarType.Bool);
        eq.ToArray<bool>().Should().Equal(false, true, false);
        a.ne(b).ToArray<bool>().Should().Equal(true, false, true);
        a.lt(b).ToArray<bool>().Should().Equal(true, false, false);
        a.le(b).ToArray<bool>().Should().Equal(true, true, false);
        a.gt(b).ToArray<bool>().Should().Equal(false, false, true);
        a.ge(b).ToArray<bool>().Should().Equal(false, true, true);
    }

    [Fact]
    public void Comparisons_with_scalars_and_broadcasting()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        a.eq(2).ToArray<bool>().Should().Equal(false, true, false, false);
        a.ne(2).ToArray<bool>().Should().Equal(true, false, true, true);
        a.lt(3).ToArray<bool>().Should().Equal(true, true, false, false);
        a.le(3).ToArray<bool>().Should().Equal(true, true, true, false);
        a.gt(3).ToArray<bool>().Should().Equal(false, false, false, true);
        a.ge(3).ToArray<bool>().Should().Equal(false, false, true, true);
        a.gt(tensor(new float[] { 1.5f, 3.5f })).ToArray<bool>().Should().Equal(false, false, true, true);
    }

    [Fact]
    public void Logical_operations_and_nan_checks()
    {
        using var scope = NewDisposeScope();
        var p = tensor(new[] { true, true, false, false });
        var q = tensor(new[] { true, false, true, false });
        p.logical_and(q).ToArray<bool>().Should().Equal(true, false, false, false);
        p.logical_or(q).ToArray<bool>().Should().Equal(true, true, true, false);
        p.logical_not().ToArray<bool>().Should().Equal(false, false, true, true);
        tensor(new[] { 1f, float.NaN }).isnan().ToArray<bool>().Should().Equal(false, true);
    }

    [Fact]
    public void Allclose_and_equal_compare_whole_tensors()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2 });
        a.allclose(tensor(new float[] { 1, 2.000001f })).Should().BeTrue();
        a.allclose(tensor(new float[] { 1, 2.1f })).Should().BeFalse();
        a.allclose(tensor(new float[] { 1, 2.1f }), atol: 0.2).Should().BeTrue();
        a.equal(tensor(new float[] { 1, 2 })).Should().BeTrue();
        a.equal(tensor(new float[] { 1, 2 }, [1, 2])).Should().BeFalse();
        a.equal(tensor(new float[] { 1, 3 })).Should().BeFalse();
    }

    [Fact]
    public void Comparison_operators_match_the_named_methods()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3 });
        var b = tensor(new float[] { 2, 2, 2 });
        (a < b).ToArray<bool>().Should().Equal(true, false, false);
        (a <= b).ToArray<bool>().Should().Equal(true, true, false);
        (a > b).ToArray<bool>().Should().Equal(false, false, true);
        (a >= b).ToArray<bool>().Should().Equal(false, true, true);
        (a < 2).ToArray<bool>().Should().Equal(true, false, false);
        (a >= 2).ToArray<bool>().Should().Equal(false, true, true);
        (a > 2.5).ToArray<bool>().Should().Equal(false, false, true);
        (a <= 1).ToArray<bool>().Should().Equal(true, false, false);
    }
}
