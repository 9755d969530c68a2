using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Errors;

public sealed class ArgumentErrorTests
{
    public static TheoryData<string> NullCases() =>
    [
        "add", "operator", "matmul", "copy_", "index_select", "gather", "masked_fill", "cat", "cat element", "stack",
        "where", "tensor", "from_array", "conv2d input", "conv2d weight", "linear", "cross_entropy target", "layer_norm shape",
        "autograd.grad", "autograd.grad element", "set_rng_state", "gelu approximate",
    ];

    [Theory]
    [MemberData(nameof(NullCases))]
    public void Null_arguments_throw_argument_null_with_the_parameter_name(string method)
    {
        using var scope = NewDisposeScope();
        var x = ones([2, 2]);
        Tensor nothing = null!;
        (Action Act, string Parameter) @case = method switch
        {
            "add" => (() => x.add(nothing), "other"),
            "operator" => (() => _ = x + nothing, "other"),
            "matmul" => (() => x.matmul(nothing), "other"),
            "copy_" => (() => x.copy_(nothing), "src"),
            "index_select" => (() => x.index_select(0, nothing), "index"),
            "gather" => (() => x.gather(0, nothing), "index"),
            "masked_fill" => (() => x.masked_fill(nothing, 0), "mask"),
            "cat" => (() => cat(null!), "tensors"),
            "cat element" => (() => cat([x, nothing]), "tensors"),
            "stack" => (() => stack(null!), "tensors"),
            "where" => (() => where(nothing, x, x), "condition"),
            "tensor" => (() => tensor((float[])null!), "data"),
            "from_array" => (() => from_array(null!), "rawArray"),
            "conv2d input" => (() => F.conv2d(nothing, x), "input"),
            "conv2d weight" => (() => F.conv2d(x, nothing), "weight"),
            "linear" => (() => F.linear(x, nothing), "weight"),
            "cross_entropy target" => (() => F.cross_entropy(x, nothing), "target"),
            "layer_norm shape" => (() => F.layer_norm(x, null!), "normalized_shape"),
            "autograd.grad" => (() => autograd.grad(null!, [x]), "outputs"),
            "autograd.grad element" => (() => autograd.grad([x], [nothing]), "inputs"),
            "set_rng_state" => (() => set_rng_state(nothing), "new_state"),
            "gelu approximate" => (() => F.gelu(x, null!), "approximate"),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };

        @case.Act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be(@case.Parameter);
        EngineHealth.AssertStillWorks();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Dropout_probability_outside_zero_to_one_is_rejected(double p)
    {
        using var scope = NewDisposeScope();
        var act = () => F.dropout(ones([4]), p);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("dropout probability must be between 0 and 1*").Which.ParamName.Should().Be("p");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Label_smoothing_outside_zero_to_one_is_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => F.cross_entropy(zeros([2, 3]), tensor(new long[] { 0, 1 }), label_smoothing: 1.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("label_smoothing must be between 0 and 1*").Which.ParamName.Should().Be("label_smoothing");
        EngineHealth.AssertStillWorks();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Set_num_threads_needs_a_positive_count(int threads)
    {
        var before = get_num_threads();
        var act = () => set_num_threads(threads);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*'num'*{threads}*").Which.ParamName.Should().Be("num");
        get_num_threads().Should().Be(before);
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Invalid_ranges_for_creation_functions_are_reported()
    {
        var step = () => arange(0, 5, 0);
        step.Should().Throw<TorchException>().WithMessage("step must be nonzero*");
        var bounds = () => randint(5, 3, [2]);
        bounds.Should().Throw<TorchException>().WithMessage("random_ expects 'from' to be less than 'to', but got from=5 >= to=3*");
        var steps = () => linspace(0, 1, -1);
        steps.Should().Throw<TorchException>().WithMessage("number of steps must be non-negative*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Split_and_chunk_with_zero_pieces_are_rejected()
    {
        using var scope = NewDisposeScope();
        var chunk = () => zeros([2, 3]).chunk(0);
        chunk.Should().Throw<TorchException>().WithMessage("chunk expects `chunks` to be greater than 0, got: 0*");
        var split = () => zeros([2, 3]).split(0);
        split.Should().Throw<TorchException>().WithMessage("split_size can only be 0 if dimension size is 0*");
        EngineHealth.AssertStillWorks();
    }
}
