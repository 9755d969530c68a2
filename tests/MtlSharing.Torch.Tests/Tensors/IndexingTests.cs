namespace MtlSharing.Torch.Tests.Tensors;

public sealed class IndexingTests
{
    // [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    private static Tensor Grid() => arange(12L).reshape(3, 4).to(float32);

    [Fact]
    public void Narrow_select_and_slice_take_views()
    {
        using var scope = NewDisposeScope();
        var g = Grid();
        g.narrow(1, 1, 2).ShouldBeClose(1, 2, 5, 6, 9, 10);
        g.select(0, 1).ShouldBeClose(4, 5, 6, 7);
        g.select(1, -1).ShouldBeClose(3, 7, 11);
        g.slice(1, 0, 4, 2).ShouldBeClose(0, 2, 4, 6, 8, 10);
        g[2].ShouldBeClose(8, 9, 10, 11);
        g[1, 3].item<float>().Should().Be(7f);

        g.narrow(0, 0, 1).fill_(-1);
        g[0].ShouldBeClose(-1, -1, -1, -1);
    }

    [Fact]
    public void Index_select_picks_rows_in_the_given_order()
    {
        using var scope = NewDisposeScope();
        var picked = Grid().index_select(0, tensor(new long[] { 2, 0, 2 }));
        picked.shape.Should().Equal(3, 4);
        picked.ShouldBeClose(8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11);
        Grid().index_select(1, tensor(new long[] { 3 })).ShouldBeClose(3, 7, 11);
    }

    [Fact]
    public void Index_add_accumulates_repeated_indices()
    {
        using var scope = NewDisposeScope();
        var target = zeros([3, 2]);
        var source = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        var index = tensor(new long[] { 0, 2, 0 });
        var result = target.index_add(0, index, source, alpha: 2);
        result.ShouldBeClose(12, 16, 0, 0, 6, 8);
        target.ShouldBeClose(0, 0, 0, 0, 0, 0);

        target.index_add_(0, index, source).Should().BeSameAs(target);
        target.ShouldBeClose(6, 8, 0, 0, 3, 4);
    }

    [Fact]
    public void Masked_fill_masked_select_and_boolean_index()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, -2, 3, -4 });
        var negative = x.lt(0);
        x.masked_fill(negative, 0).ShouldBeClose(1, 0, 3, 0);
        x.masked_select(negative).ShouldBeClose(-2, -4);
        x.index(negative).ShouldBeClose(-2, -4);
        x.index(tensor(new long[] { 3, 0 })).ShouldBeClose(-4, 1);

        x.masked_fill_(negative, 9).Should().BeSameAs(x);
        x.ShouldBeClose(1, 9, 3, 9);

        var rowsMask = tensor(new[] { true, false, true });
        Grid().masked_fill(rowsMask.unsqueeze(1), -1).ShouldBeClose(-1, -1, -1, -1, 4, 5, 6, 7, -1, -1, -1, -1);
    }

    [Fact]
    public void Gather_and_scatter_follow_the_index_along_a_dimension()
    {
        using var scope = NewDisposeScope();
        var g = Grid();
        var index = tensor(new long[] { 3, 0, 1, 1, 2, 2 }, [3, 2]);

        // out[i][j] = g[i][index[i][j]]
        g.gather(1, index).ShouldBeClose(3, 0, 5, 5, 10, 10);

        var scattered = zeros([2, 3]).scatter(1, tensor(new long[] { 2, 0 }, [2, 1]), tensor(new float[] { 7, 8 }, [2, 1]));
        scattered.ShouldBeClose(0, 0, 7, 8, 0, 0);
    }

    [Fact]
    public void Nonzero_lists_coordinates()
    {
        using var scope = NewDisposeScope();
        var x = from_array(new float[,] { { 0, 1 }, { 2, 0 } });
        var nz = x.nonzero();
        nz.shape.Should().Equal(2, 2);
        nz.ToArray<long>().Should().Equal(0L, 1L, 1L, 0L);
    }
}
