using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Errors;

public sealed class IndexErrorTests
{
    [Fact]
    public void Select_out_of_range_names_index_dimension_and_shape()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).select(0, 5);
        act.Should().Throw<TorchException>().WithMessage("select(): index 5 out of range for tensor of size [2, 3] at dimension 0*");
        var indexer = () => zeros([2])[2];
        indexer.Should().Throw<TorchException>().WithMessage("*index 2 out of range*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Narrow_past_the_end_names_start_length_and_size()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).narrow(0, 1, 5);
        act.Should().Throw<TorchException>().WithMessage("start (1) + length (5) exceeds dimension size (2)*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Index_select_out_of_range_is_reported()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).index_select(0, tensor(new long[] { 7 }));
        act.Should().Throw<TorchException>().WithMessage("index out of range in self*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Gather_out_of_range_names_index_dimension_and_size()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).gather(1, tensor(new long[] { 5, 0 }, [2, 1]));
        act.Should().Throw<TorchException>().WithMessage("index 5 is out of bounds for dimension 1 with size 3*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Cross_entropy_target_of_at_least_the_class_count_is_out_of_bounds()
    {
        using var scope = NewDisposeScope();
        var act = () => F.cross_entropy(zeros([2, 3]), tensor(new long[] { 0, 5 }));
        act.Should().Throw<TorchException>().WithMessage("Target 5 is out of bounds*");
        var exactlyC = () => F.cross_entropy(zeros([2, 3]), tensor(new long[] { 3, 0 }));
        exactlyC.Should().Throw<TorchException>().WithMessage("Target 3 is out of bounds*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Dimension_out_of_range_names_the_valid_range()
    {
        using var scope = NewDisposeScope();
        var reduce = () => zeros([2, 3]).sum(4);
        reduce.Should().Throw<TorchException>().WithMessage("Dimension out of range (expected to be in range of [-2, 1], but got 4)*");
        var size = () => zeros([2, 3]).size(2);
        size.Should().Throw<ArgumentOutOfRangeException>().WithMessage("dimension out of range for a tensor of shape [2, 3]; expected -2..1*").Which.ParamName.Should().Be("dim");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void One_hot_class_at_or_above_num_classes_is_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => F.one_hot(tensor(new long[] { 5 }), 3);
        act.Should().Throw<TorchException>().WithMessage("Class values must be smaller than num_classes*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Topk_of_more_elements_than_exist_is_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([3]).topk(5);
        act.Should().Throw<TorchException>().WithMessage("selected index k out of range*");
        EngineHealth.AssertStillWorks();
    }
}
