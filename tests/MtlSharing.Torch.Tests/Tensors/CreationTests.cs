namespace MtlSharing.Torch.Tests.Tensors;

public sealed class CreationTests
{
    [Fact]
    public void Zeros_and_ones_have_shape_type_and_values()
    {
        using var scope = NewDisposeScope();
        var z = zeros([2, 3]);
        z.shape.Should().Equal(2, 3);
        z.dtype.Should().Be(ScalarType.Float32);
        z.ToArray<float>().Should().Equal(0f, 0f, 0f, 0f, 0f, 0f);

        var o = ones([4], float64);
        o.dtype.Should().Be(ScalarType.Float64);
        o.ToArray<double>().Should().Equal(1.0, 1.0, 1.0, 1.0);

        ones([2], int64).ToArray<long>().Should().Equal(1L, 1L);
        zeros([3], ScalarType.Bool).ToArray<bool>().Should().Equal(false, false, false);
    }

    [Fact]
    public void Full_fills_with_the_value_in_the_requested_type()
    {
        using var scope = NewDisposeScope();
        full([2, 2], 2.5).ToArray<float>().Should().Equal(2.5f, 2.5f, 2.5f, 2.5f);
        full([3], 7, int64).ToArray<long>().Should().Equal(7L, 7L, 7L);
        full([2], 1, ScalarType.Bool).ToArray<bool>().Should().Equal(true, true);
        var like = full_like(zeros([2, 1], float64), -3);
        like.shape.Should().Equal(2, 1);
        like.ToArray<double>().Should().Equal(-3.0, -3.0);
    }

    [Fact]
    public void Like_functions_keep_shape_and_type()
    {
        using var scope = NewDisposeScope();
        var template = zeros([3, 2], float64);
        zeros_like(template).dtype.Should().Be(ScalarType.Float64);
        ones_like(template).ToArray<double>().Should().OnlyContain(v => v == 1.0).And.HaveCount(6);
        rand_like(template).shape.Should().Equal(3, 2);
        randn_like(template).dtype.Should().Be(ScalarType.Float64);
    }

    [Fact]
    public void Arange_of_integers_is_int64_and_of_doubles_is_float32()
    {
        using var scope = NewDisposeScope();
        var ints = arange(5L);
        ints.dtype.Should().Be(ScalarType.Int64);
        ints.ToArray<long>().Should().Equal(0L, 1L, 2L, 3L, 4L);

        arange(2, 11, 3).ToArray<long>().Should().Equal(2L, 5L, 8L);
        arange(0, 3).dtype.Should().Be(ScalarType.Int64);

        var floats = arange(0.0, 1.0, 0.25);
        floats.dtype.Should().Be(ScalarType.Float32);
        floats.ToArray<float>().Should().Equal(0f, 0.25f, 0.5f, 0.75f);

        arange(3, dtype: float64).ToArray<double>().Should().Equal(0.0, 1.0, 2.0);
        arange(0, 4, 2, float32).ToArray<float>().Should().Equal(0f, 2f);
    }

    [Fact]
    public void Linspace_includes_both_ends()
    {
        using var scope = NewDisposeScope();
        linspace(0, 1, 5).ToArray<float>().Should().Equal(0f, 0.25f, 0.5f, 0.75f, 1f);
        linspace(-1, 1, 3, float64).ToArray<double>().Should().Equal(-1.0, 0.0, 1.0);
    }

    [Fact]
    public void Eye_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var identity = eye(3);
        identity.shape.Should().Equal(3, 3);
        identity.ToArray<float>().Should().Equal(1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f);
        eye(2, int64).ToArray<long>().Should().Equal(1L, 0L, 0L, 1L);
    }

    [Fact]
    public void Tensor_copies_values_in_row_major_order()
    {
        using var scope = NewDisposeScope();
        var t = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        t.shape.Should().Equal(2, 3);
        t[1, 0].item<float>().Should().Be(4f);
        t[0, 2].item<float>().Should().Be(3f);

        var oneDimension = tensor(new long[] { 7, 8, 9 });
        oneDimension.shape.Should().Equal(3);
        oneDimension.dtype.Should().Be(ScalarType.Int64);

        tensor(new[] { true, false }).ToArray<bool>().Should().Equal(true, false);
        tensor(new[] { 0.5, 1.5 }).dtype.Should().Be(ScalarType.Float64);
        tensor(new int[] { 1, 2 }).dtype.Should().Be(ScalarType.Int32);

        var source = new float[] { 1, 2 };
        var copied = tensor(source);
        source[0] = 100;
        copied.ToArray<float>().Should().Equal(1f, 2f);
    }

    [Fact]
    public void Tensor_can_record_gradients_from_creation()
    {
        using var scope = NewDisposeScope();
        tensor(new float[] { 1, 2 }, requires_grad: true).requires_grad.Should().BeTrue();
        zeros([2], requires_grad: true).requires_grad.Should().BeTrue();
        ones([2]).requires_grad.Should().BeFalse();
    }

    [Fact]
    public void From_array_keeps_the_rectangular_shape()
    {
        using var scope = NewDisposeScope();
        var matrix = from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        matrix.shape.Should().Equal(2, 3);
        matrix.dtype.Should().Be(ScalarType.Float32);
        matrix.ToArray<float>().Should().Equal(1f, 2f, 3f, 4f, 5f, 6f);

        var cube = from_array(new double[,,] { { { 1, 2 } }, { { 3, 4 } } });
        cube.shape.Should().Equal(2, 1, 2);
        cube.ToArray<double>().Should().Equal(1.0, 2.0, 3.0, 4.0);

        from_array(new long[,] { { 5 }, { 6 } }).ToArray<long>().Should().Equal(5L, 6L);
        from_array(new bool[,] { { true, false } }).dtype.Should().Be(ScalarType.Bool);
    }

    [Fact]
    public void Scalar_tensor_has_no_dimensions()
    {
        using var scope = NewDisposeScope();
        var s = scalar_tensor(3.5);
        s.dim().Should().Be(0);
        s.numel().Should().Be(1);
        s.item<float>().Should().Be(3.5f);
        scalar_tensor(2, int64).item<long>().Should().Be(2L);
    }

    [Fact]
    public void Empty_has_the_requested_shape()
    {
        using var scope = NewDisposeScope();
        var e = empty([3, 0, 2], float64);
        e.shape.Should().Equal(3, 0, 2);
        e.numel().Should().Be(0);
        e.ToArray<double>().Should().BeEmpty();
    }

    [Fact]
    public void Randint_stays_in_its_range_and_covers_it()
    {
        using var scope = NewDisposeScope();
        var draws = randint(3, 7, [2000]);
        draws.dtype.Should().Be(ScalarType.Int64);
        var values = draws.ToArray<long>();
        values.Should().OnlyContain(v => v >= 3 && v < 7);
        values.Distinct().Order().Should().Equal(3L, 4L, 5L, 6L);
        randint(2, [500]).ToArray<long>().Should().OnlyContain(v => v == 0 || v == 1);
    }

    [Fact]
    public void Rand_is_uniform_on_the_unit_interval()
    {
        using var scope = NewDisposeScope();
        var values = rand([20000]).ToArray<float>();
        values.Should().OnlyContain(v => v >= 0f && v < 1f);

        // Mean 1/2 and variance 1/12; the standard error of the mean is about 0.002.
        values.Average().Should().BeApproximately(0.5f, 0.02f);
        values.Select(v => (v - 0.5) * (v - 0.5)).Average().Should().BeApproximately(1.0 / 12, 0.01);
    }

    [Fact]
    public void Randn_has_zero_mean_and_unit_variance()
    {
        using var scope = NewDisposeScope();
        var values = randn([20000], float64).ToArray<double>();
        values.Average().Should().BeApproximately(0, 0.05);
        values.Select(v => v * v).Average().Should().BeApproximately(1, 0.05);
    }

    [Fact]
    public void Randperm_is_a_permutation()
    {
        using var scope = NewDisposeScope();
        var permutation = randperm(10).ToArray<long>();
        permutation.Order().Should().Equal(Enumerable.Range(0, 10).Select(i => (long)i));
    }

    [Fact]
    public void Dtype_names_match_their_scalar_types()
    {
        using var scope = NewDisposeScope();
        zeros([1], half).dtype.Should().Be(ScalarType.Float16);
        zeros([1], float16).dtype.Should().Be(ScalarType.Float16);
        zeros([1], bfloat16).dtype.Should().Be(ScalarType.BFloat16);
        zeros([1], @float).dtype.Should().Be(ScalarType.Float32);
        zeros([1], @double).dtype.Should().Be(ScalarType.Float64);
        zeros([1], @long).dtype.Should().Be(ScalarType.Int64);
        zeros([1], @int).dtype.Should().Be(ScalarType.Int32);
        zeros([1], uint8).dtype.Should().Be(ScalarType.Byte);
        tensor(new sbyte[] { -3 }).dtype.Should().Be(int8);
        tensor(new short[] { 300 }).dtype.Should().Be(int16);
        tensor(new[] { (Half)1.5 }).item<float>().Should().Be(1.5f);
        is_floating_point(bfloat16).Should().BeTrue();
        is_floating_point(int64).Should().BeFalse();
    }
}
