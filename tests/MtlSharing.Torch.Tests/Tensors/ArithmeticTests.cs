namespace MtlSharing.Torch.Tests.Tensors;

public sealed class ArithmeticTests
{
    [Fact]
    public void Add_broadcasts_a_row_over_a_matrix()
    {
        using var scope = NewDisposeScope();
        var m = from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var row = tensor(new float[] { 10, 20, 30 });
        (m + row).ShouldBeClose(11, 22, 33, 14, 25, 36);
        m.add(row, alpha: 2).ShouldBeClose(21, 42, 63, 24, 45, 66);
    }

    [Fact]
    public void Column_plus_row_broadcasts_to_an_outer_sum()
    {
        using var scope = NewDisposeScope();
        var column = tensor(new float[] { 1, 2 }, [2, 1]);
        var row = tensor(new float[] { 10, 20, 30 }, [1, 3]);
        var sum = column + row;
        sum.shape.Should().Equal(2, 3);
        sum.ShouldBeClose(11, 21, 31, 12, 22, 32);
    }

    [Fact]
    public void Sub_mul_div_work_element_wise_with_broadcasting()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 6, 8, 10, 12 }, [2, 2]);
        var b = tensor(new float[] { 2, 4 });
        (a - b).ShouldBeClose(4, 4, 8, 8);
        a.sub(b, alpha: 0.5).ShouldBeClose(5, 6, 9, 10);
        (a * b).ShouldBeClose(12, 32, 20, 48);
        (a / b).ShouldBeClose(3, 2, 5, 3);
        a.mul(b).ShouldBeClose(12, 32, 20, 48);
        a.div(b).ShouldBeClose(3, 2, 5, 3);
    }

    [Fact]
    public void Scalar_operators_apply_to_every_element()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 4 });
        (x + 1).ShouldBeClose(2, 3, 5);
        (1 + x).ShouldBeClose(2, 3, 5);
        (x - 1).ShouldBeClose(0, 1, 3);
        (10 - x).ShouldBeClose(9, 8, 6);
        (x * 3).ShouldBeClose(3, 6, 12);
        (3 * x).ShouldBeClose(3, 6, 12);
        (x / 2).ShouldBeClose(0.5, 1, 2);
        (8 / x).ShouldBeClose(8, 4, 2);
        (-x).ShouldBeClose(-1, -2, -4);
        x.add(0.5).ShouldBeClose(1.5, 2.5, 4.5);
        x.sub(0.5).ShouldBeClose(0.5, 1.5, 3.5);
        x.mul(-1.0).ShouldBeClose(-1, -2, -4);
        x.div(4.0).ShouldBeClose(0.25, 0.5, 1);
    }

    [Fact]
    public void Integer_division_is_true_division()
    {
        using var scope = NewDisposeScope();
        var quotient = tensor(new long[] { 3, 4 }) / 2;
        quotient.dtype.Should().Be(ScalarType.Float32);
        quotient.ShouldBeClose(1.5, 2);
    }

    [Fact]
    public void Unary_functions_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        double[] xs = [0.25, 1, 2.5];
        var x = tensor(xs);
        x.neg().ShouldBeClose(xs.Select(v => -v).ToArray());
        x.exp().ShouldBeClose(xs.Select(Math.Exp).ToArray());
        x.log().ShouldBeClose(xs.Select(v => Math.Log(v)).ToArray());
        x.log1p().ShouldBeClose(xs.Select(v => Math.Log(1 + v)).ToArray());
        x.sqrt().ShouldBeClose(xs.Select(Math.Sqrt).ToArray());
        x.rsqrt().ShouldBeClose(xs.Select(v => 1 / Math.Sqrt(v)).ToArray());
        x.square().ShouldBeClose(xs.Select(v => v * v).ToArray());
        x.reciprocal().ShouldBeClose(xs.Select(v => 1 / v).ToArray());
        x.sigmoid().ShouldBeClose(xs.Select(v => 1 / (1 + Math.Exp(-v))).ToArray());
        x.tanh().ShouldBeClose(xs.Select(Math.Tanh).ToArray());
        x.sin().ShouldBeClose(xs.Select(Math.Sin).ToArray());
        x.cos().ShouldBeClose(xs.Select(Math.Cos).ToArray());
        x.pow(3).ShouldBeClose(xs.Select(v => v * v * v).ToArray());
        x.pow(tensor(new[] { 2.0, 0, -1 })).ShouldBeClose(0.0625, 1, 0.4);
    }

    [Fact]
    public void Sign_abs_floor_and_round_handle_negative_and_half_values()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -1.5f, -0.5f, 0, 0.5f, 1.5f, 2.5f });
        x.abs().ShouldBeClose(1.5, 0.5, 0, 0.5, 1.5, 2.5);
        x.sign().ShouldBeClose(-1, -1, 0, 1, 1, 1);
        x.floor().ShouldBeClose(-2, -1, 0, 0, 1, 2);

        // Half to even, as torch.round does.
        x.round().ShouldBeClose(-2, 0, 0, 0, 2, 2);
    }

    [Fact]
    public void Clamp_maximum_and_minimum_bound_elements()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { -2, 0.5f, 3 });
        x.clamp(-1, 1).ShouldBeClose(-1, 0.5, 1);
        x.clamp(min: 0).ShouldBeClose(0, 0.5, 3);
        x.clamp(max: 0).ShouldBeClose(-2, 0, 0);
        var other = tensor(new float[] { 0, 0, 5 });
        x.maximum(other).ShouldBeClose(0, 0.5, 5);
        x.minimum(other).ShouldBeClose(-2, 0, 3);
    }

    [Fact]
    public void Matmul_matches_a_product_computed_by_hand()
    {
        using var scope = NewDisposeScope();
        var a = from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = from_array(new float[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });

        // [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12]
        double[] expected = [58, 64, 139, 154];
        var product = a.matmul(b);
        product.shape.Should().Equal(2, 2);
        product.ShouldBeClose(expected);
        a.mm(b).ShouldBeClose(expected);
    }

    [Fact]
    public void Matmul_broadcasts_batches_and_vectors()
    {
        using var scope = NewDisposeScope();
        var batch = tensor(new float[] { 1, 0, 0, 1, 2, 0, 0, 2 }, [2, 2, 2]);
        var v = tensor(new float[] { 3, 4 });
        var result = batch.matmul(v);
        result.shape.Should().Equal(2, 2);
        result.ShouldBeClose(3, 4, 6, 8);

        var right = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        batch.matmul(right).ShouldBeClose(1, 2, 3, 4, 2, 4, 6, 8);
        batch.bmm(stack([right, right])).ShouldBeClose(1, 2, 3, 4, 2, 4, 6, 8);
    }

    [Fact]
    public void Dot_and_outer_products()
    {
        using var scope = NewDisposeScope();
        var u = tensor(new float[] { 1, 2, 3 });
        var w = tensor(new float[] { 4, 5, 6 });
        u.dot(w).item<float>().Should().Be(32f);
        var outer = u.outer(tensor(new float[] { 1, -1 }));
        outer.shape.Should().Equal(3, 2);
        outer.ShouldBeClose(1, -1, 2, -2, 3, -3);
    }

    [Fact]
    public void Einsum_contracts_by_its_equation()
    {
        using var scope = NewDisposeScope();
        var a = from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = from_array(new float[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        einsum("ij,jk->ik", a, b).ShouldBeClose(58, 64, 139, 154);
        einsum("ij->ji", a).ShouldBeClose(1, 4, 2, 5, 3, 6);
        einsum("ii", eye(3)).item<float>().Should().Be(3f);
        einsum("i,i->", tensor(new float[] { 1, 2 }), tensor(new float[] { 3, 4 })).item<float>().Should().Be(11f);

        // Longer than the inline scratch space of one operator call: passed through a pinned array.
        var spaced = new string(' ', 300) + "ij , jk -> ik";
        einsum(spaced, a, b).ShouldBeClose(58, 64, 139, 154);
    }
}
