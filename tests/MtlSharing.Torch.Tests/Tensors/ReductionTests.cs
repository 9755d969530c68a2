namespace MtlSharing.Torch.Tests.Tensors;

public sealed class ReductionTests
{
    private static Tensor Matrix() => from_array(new float[,] { { 1, 5, 3 }, { 4, 2, 6 } });

    [Fact]
    public void Sum_over_everything_and_over_dimensions()
    {
        using var scope = NewDisposeScope();
        var m = Matrix();
        m.sum().item<float>().Should().Be(21f);
        m.sum(0).ShouldBeClose(5, 7, 9);
        m.sum(1).ShouldBeClose(9, 12);
        var kept = m.sum(1, keepdim: true);
        kept.shape.Should().Equal(2, 1);
        m.sum([0, 1]).item<float>().Should().Be(21f);
        m.sum(float64).dtype.Should().Be(ScalarType.Float64);
    }

    [Fact]
    public void Sum_of_integers_and_bools_counts_in_int64()
    {
        using var scope = NewDisposeScope();
        var total = tensor(new[] { true, false, true }).sum();
        total.dtype.Should().Be(ScalarType.Int64);
        total.item<long>().Should().Be(2);
        tensor(new int[] { 1, 2, 3 }).sum().item<long>().Should().Be(6);
    }

    [Fact]
    public void Mean_over_everything_and_over_a_dimension()
    {
        using var scope = NewDisposeScope();
        var m = Matrix();
        m.mean().item<float>().Should().Be(3.5f);
        m.mean(0).ShouldBeClose(2.5, 3.5, 4.5);
        m.mean(1, keepdim: true).ShouldBeClose(3, 4);
        m.mean([0, 1]).item<float>().Should().Be(3.5f);
    }

    [Fact]
    public void Max_and_min_return_values_and_their_positions()
    {
        using var scope = NewDisposeScope();
        var m = Matrix();
        m.max().item<float>().Should().Be(6f);
        m.min().item<float>().Should().Be(1f);

        var (values, indexes) = m.max(1);
        values.ShouldBeClose(5, 6);
        indexes.ToArray<long>().Should().Equal(1L, 2L);

        var (minValues, minIndexes) = m.min(0);
        minValues.ShouldBeClose(1, 2, 3);
        minIndexes.ToArray<long>().Should().Equal(0L, 1L, 0L);

        m.max(0, keepdim: true).values.shape.Should().Equal(1, 3);
    }

    [Fact]
    public void Argmax_and_argmin_flattened_and_along_a_dimension()
    {
        using var scope = NewDisposeScope();
        var m = Matrix();
        m.argmax().item<long>().Should().Be(5);
        m.argmin().item<long>().Should().Be(0);
        m.argmax(1).ToArray<long>().Should().Equal(1L, 2L);
        m.argmin(0).ToArray<long>().Should().Equal(0L, 1L, 0L);
        m.argmax(0, keepdim: true).shape.Should().Equal(1, 3);
    }

    [Fact]
    public void Topk_returns_the_largest_or_smallest_in_order()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 3, 9, 1, 7, 5 });
        var (values, indexes) = x.topk(2);
        values.ShouldBeClose(9, 7);
        indexes.ToArray<long>().Should().Equal(1L, 3L);

        var (smallest, where) = x.topk(3, largest: false);
        smallest.ShouldBeClose(1, 3, 5);
        where.ToArray<long>().Should().Equal(2L, 0L, 4L);

        var (rows, rowIndexes) = Matrix().topk(1, dim: 1);
        rows.ShouldBeClose(5, 6);
        rowIndexes.ToArray<long>().Should().Equal(1L, 2L);
    }

    [Fact]
    public void Sort_orders_values_and_reports_original_positions()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 3, 9, 1, 7 });
        var (ascending, ascendingIndexes) = x.sort();
        ascending.ShouldBeClose(1, 3, 7, 9);
        ascendingIndexes.ToArray<long>().Should().Equal(2L, 0L, 3L, 1L);
        var (descending, descendingIndexes) = x.sort(descending: true);
        descending.ShouldBeClose(9, 7, 3, 1);
        descendingIndexes.ToArray<long>().Should().Equal(1L, 3L, 0L, 2L);
    }

    [Fact]
    public void Var_and_std_use_bessels_correction_by_default()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new double[] { 2, 4, 4, 4, 5, 5, 7, 9 });

        // Mean 5; squared deviations sum to 32.
        x.var().item<double>().Should().BeApproximately(32.0 / 7, 1e-12);
        x.var(unbiased: false).item<double>().Should().BeApproximately(4, 1e-12);
        x.std().item<double>().Should().BeApproximately(Math.Sqrt(32.0 / 7), 1e-12);
        x.std(unbiased: false).item<double>().Should().BeApproximately(2, 1e-12);

        var m = from_array(new double[,] { { 1, 3 }, { 2, 6 } });
        m.var([0]).ShouldBeClose(0.5, 4.5);
        m.std([1], keepdim: true).ShouldBeClose(Math.Sqrt(2), Math.Sqrt(8));
    }

    [Fact]
    public void Norm_is_the_p_norm_of_all_elements()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 3, -4 });
        x.norm().item<float>().Should().BeApproximately(5f, 1e-6f);
        x.norm(1).item<float>().Should().BeApproximately(7f, 1e-6f);
        Matrix().norm().item<float>().Should().BeApproximately((float)Math.Sqrt(1 + 25 + 9 + 16 + 4 + 36), 1e-5f);
    }

    [Fact]
    public void Prod_all_any_cumsum_and_logsumexp()
    {
        using var scope = NewDisposeScope();
        Matrix().prod().item<float>().Should().Be(720f);
        tensor(new[] { true, true }).all().item<bool>().Should().BeTrue();
        tensor(new[] { true, false }).all().item<bool>().Should().BeFalse();
        tensor(new[] { false, false }).any().item<bool>().Should().BeFalse();
        tensor(new float[] { 0, 2 }).any().item<bool>().Should().BeTrue();
        Matrix().cumsum(1).ShouldBeClose(1, 6, 9, 4, 6, 12);

        var lse = tensor(new double[] { 1, 2, 3 }).logsumexp([0]);
        lse.item<double>().Should().BeApproximately(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), 1e-12);
    }

    [Fact]
    public void Norm_along_dimensions()
    {
        using var scope = NewDisposeScope();
        var m = from_array(new double[,] { { 3, 4 }, { -6, 8 } });
        m.norm(2, [1]).ShouldBeCloseWithin(1e-12, 5, 10);
        m.norm(1, [0], keepdim: true).ShouldBeCloseWithin(1e-12, 9, 12);
        m.norm(1, [0], keepdim: true).shape.Should().Equal(1, 2);
    }

    [Fact]
    public void Bincount_counts_values_or_sums_weights()
    {
        using var scope = NewDisposeScope();
        var values = tensor(new long[] { 1, 3, 1, 0, 1 });
        values.bincount().ToArray<long>().Should().Equal(1L, 3L, 0L, 1L);
        values.bincount(minlength: 6).ToArray<long>().Should().Equal(1L, 3L, 0L, 1L, 0L, 0L);
        values.bincount(tensor(new double[] { 0.5, 1, 2, 4, 8 })).ShouldBeClose(4, 10.5, 0, 1);
    }

    [Fact]
    public void Argsort_gives_the_sorting_permutation()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 3, 9, 1, 7 });
        x.argsort().ToArray<long>().Should().Equal(2L, 0L, 3L, 1L);
        x.argsort(descending: true).ToArray<long>().Should().Equal(1L, 3L, 0L, 2L);
        from_array(new float[,] { { 2, 1 }, { 0, 5 } }).argsort(dim: 0).ToArray<long>().Should().Equal(1L, 0L, 0L, 1L);
    }
}
