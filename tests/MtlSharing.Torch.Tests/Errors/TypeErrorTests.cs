using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Errors;

public sealed class TypeErrorTests
{
    [Fact]
    public void Cross_entropy_with_float_class_targets_asks_for_long()
    {
        using var scope = NewDisposeScope();
        var act = () => F.cross_entropy(zeros([2, 3]), zeros([2]));
        act.Should().Throw<TorchException>().WithMessage("expected scalar type Long but found Float*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Index_select_with_a_float_index_asks_for_an_integer_index()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([3]).index_select(0, zeros([1]));
        act.Should().Throw<TorchException>().WithMessage("index_select(): Expected dtype int32 or int64 for index*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void To_array_with_the_wrong_element_type_says_which_type_to_use()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2]).ToArray<long>();
        act.Should().Throw<InvalidOperationException>().WithMessage("the tensor holds Float32 elements, not Int64 (Int64); convert it first with to(ScalarType.Int64)");
        var copy = () => ones([2], int64).CopyTo<double>(new double[2]);
        copy.Should().Throw<InvalidOperationException>().WithMessage("the tensor holds Int64 elements, not Double*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Copy_to_and_from_spans_of_the_wrong_length_name_both_lengths()
    {
        using var scope = NewDisposeScope();
        var into = () => zeros([3]).CopyTo<float>(new float[2]);
        into.Should().Throw<ArgumentException>().WithMessage("the destination holds 2 elements but the tensor has 3*");
        var from = () => zeros([3]).CopyFrom<float>([1, 2, 3, 4]);
        from.Should().Throw<ArgumentException>().WithMessage("the source holds 4 elements but the tensor has 3*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Integer_tensors_cannot_require_grad()
    {
        using var scope = NewDisposeScope();
        var act = () => ones([2], int64).requires_grad = true;
        act.Should().Throw<TorchException>().WithMessage("Only Tensors of floating point and complex dtype can require gradients*");
        var create = () => arange(3L).requires_grad_();
        create.Should().Throw<TorchException>().WithMessage("Only Tensors of floating point*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void From_array_of_an_unsupported_element_type_lists_the_supported_ones()
    {
        var act = () => from_array(new decimal[,] { { 1m } });
        act.Should().Throw<NotSupportedException>().WithMessage("arrays of Decimal cannot become tensors; use float, double, long, int, short, sbyte, byte or bool");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Item_of_an_unsupported_type_or_out_of_range_value_is_rejected()
    {
        using var scope = NewDisposeScope();
        var unsupported = () => scalar_tensor(1).item<decimal>();
        unsupported.Should().Throw<NotSupportedException>().WithMessage("item<Decimal> is not supported*");
        var overflow = () => scalar_tensor(300, int64).item<byte>();
        overflow.Should().Throw<OverflowException>();
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Gelu_with_an_unknown_approximation_names_the_valid_ones()
    {
        using var scope = NewDisposeScope();
        var act = () => F.gelu(zeros([2]), "bogus");
        act.Should().Throw<TorchException>().WithMessage("approximate argument must be either none or tanh*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Restoring_a_generator_state_that_is_not_a_byte_tensor_is_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => set_rng_state(zeros([3]));
        act.Should().Throw<TorchException>().WithMessage("RNG state must be a torch.ByteTensor*");
        EngineHealth.AssertStillWorks();
    }
}
