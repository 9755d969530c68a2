namespace MtlSharing.Torch.Tests.Tensors;

public sealed class ShapeTests
{
    [Fact]
    public void Reshape_and_view_keep_row_major_order_and_infer_minus_one()
    {
        using var scope = NewDisposeScope();
        var x = arange(6L);
        var r = x.reshape(2, -1);
        r.shape.Should().Equal(2, 3);
        r[1].ToArray<long>().Should().Equal(3L, 4L, 5L);
        var v = x.view(3, 2);
        v[2].ToArray<long>().Should().Equal(4L, 5L);

        // A view shares storage.
        v.fill_(7);
        x.ToArray<long>().Should().OnlyContain(e => e == 7);
    }

    [Fact]
    public void Permute_transpose_and_t_reorder_dimensions()
    {
        using var scope = NewDisposeScope();
        var x = arange(24L).reshape(2, 3, 4);
        var p = x.permute(2, 0, 1);
        p.shape.Should().Equal(4, 2, 3);

        // p[k, i, j] = x[i, j, k] = 12 i + 4 j + k
        p[3, 1].ToArray<long>().Should().Equal(15L, 19L, 23L);
        x.transpose(0, 2).shape.Should().Equal(4, 3, 2);

        var m = from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var t = m.t();
        t.shape.Should().Equal(3, 2);
        t.ShouldBeClose(1, 4, 2, 5, 3, 6);
    }

    [Fact]
    public void Contiguous_copies_a_transposed_view_into_row_major_layout()
    {
        using var scope = NewDisposeScope();
        var m = from_array(new float[,] { { 1, 2 }, { 3, 4 } });
        m.is_contiguous().Should().BeTrue();
        var t = m.t();
        t.is_contiguous().Should().BeFalse();
        var c = t.contiguous();
        c.is_contiguous().Should().BeTrue();
        c.ShouldBeClose(1, 3, 2, 4);
    }

    [Fact]
    public void Flatten_squeeze_and_unsqueeze()
    {
        using var scope = NewDisposeScope();
        var x = zeros([2, 1, 3, 1]);
        x.flatten().shape.Should().Equal(6);
        x.flatten(1).shape.Should().Equal(2, 3);
        x.flatten(0, 1).shape.Should().Equal(2, 3, 1);
        x.squeeze().shape.Should().Equal(2, 3);
        x.squeeze(1).shape.Should().Equal(2, 3, 1);
        x.unsqueeze(0).shape.Should().Equal(1, 2, 1, 3, 1);
        x.unsqueeze(-1).shape.Should().Equal(2, 1, 3, 1, 1);
    }

    [Fact]
    public void Expand_and_repeat_tile_values()
    {
        using var scope = NewDisposeScope();
        var column = tensor(new float[] { 1, 2 }, [2, 1]);
        var expanded = column.expand(2, 3);
        expanded.shape.Should().Equal(2, 3);
        expanded.ShouldBeClose(1, 1, 1, 2, 2, 2);
        column.expand(-1, 2).shape.Should().Equal(2, 2);

        var row = tensor(new float[] { 1, 2 });
        row.repeat(2, 2).ShouldBeClose(1, 2, 1, 2, 1, 2, 1, 2);
    }

    [Fact]
    public void Split_by_size_by_sizes_and_chunk()
    {
        using var scope = NewDisposeScope();
        var x = arange(10L);
        var pieces = x.split(4);
        pieces.Select(p => p.shape[0]).Should().Equal(4L, 4L, 2L);
        pieces[2].ToArray<long>().Should().Equal(8L, 9L);

        var sized = x.split([1, 6, 3]);
        sized.Select(p => p.shape[0]).Should().Equal(1L, 6L, 3L);
        sized[2].ToArray<long>().Should().Equal(7L, 8L, 9L);

        var chunks = x.chunk(3);
        chunks.Select(p => p.shape[0]).Should().Equal(4L, 4L, 2L);

        var columns = arange(6L).reshape(2, 3).split(1, dim: 1);
        columns.Should().HaveCount(3);
        columns[1].ToArray<long>().Should().Equal(1L, 4L);
    }

    [Fact]
    public void Cat_joins_along_an_existing_dimension_and_stack_along_a_new_one()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2 }, [1, 2]);
        var b = tensor(new float[] { 3, 4, 5, 6 }, [2, 2]);
        var rows = cat([a, b]);
        rows.shape.Should().Equal(3, 2);
        rows.ShouldBeClose(1, 2, 3, 4, 5, 6);

        var columns = cat([a, a], dim: 1);
        columns.ShouldBeClose(1, 2, 1, 2);

        var u = tensor(new float[] { 1, 2 });
        var w = tensor(new float[] { 3, 4 });
        var stacked = stack([u, w]);
        stacked.shape.Should().Equal(2, 2);
        stacked.ShouldBeClose(1, 2, 3, 4);
        stack([u, w], dim: 1).ShouldBeClose(1, 3, 2, 4);
    }

    [Fact]
    public void Where_picks_element_wise_with_broadcasting()
    {
        using var scope = NewDisposeScope();
        var condition = tensor(new[] { true, false, true });
        var x = tensor(new float[] { 1, 2, 3 });
        var y = tensor(new float[] { -1 });
        where(condition, x, y).ShouldBeClose(1, -1, 3);
    }

    [Fact]
    public void Unbind_and_flip()
    {
        using var scope = NewDisposeScope();
        var m = arange(6L).reshape(2, 3);
        var rows = m.unbind();
        rows.Should().HaveCount(2);
        rows[1].ToArray<long>().Should().Equal(3L, 4L, 5L);
        var columns = m.unbind(1);
        columns.Should().HaveCount(3);
        columns[2].ToArray<long>().Should().Equal(2L, 5L);

        m.flip(1).ToArray<long>().Should().Equal(2L, 1L, 0L, 5L, 4L, 3L);
        m.flip(0, 1).ToArray<long>().Should().Equal(5L, 4L, 3L, 2L, 1L, 0L);
    }

    [Fact]
    public void Cat_and_stack_of_many_tensors_keep_their_order()
    {
        using var scope = NewDisposeScope();

        // More tensors than fit in the inline argument space of one operator call.
        var pieces = Enumerable.Range(0, 70).Select(i => full([1], i)).ToArray();
        cat(pieces).ShouldBeClose(Enumerable.Range(0, 70).Select(i => (double)i).ToArray());
        stack(pieces, dim: 1).shape.Should().Equal(1, 70);
        cat(pieces.Take(20).ToList()).shape.Should().Equal(20);
    }
}
