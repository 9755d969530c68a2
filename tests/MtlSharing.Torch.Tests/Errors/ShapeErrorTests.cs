using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Errors;

public sealed class ShapeErrorTests
{
    [Fact]
    public void Add_of_incompatible_shapes_names_both_sizes()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]) + zeros([4]);
        act.Should().Throw<TorchException>().WithMessage("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Matmul_of_incompatible_matrices_names_both_shapes()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).matmul(zeros([4, 5]));
        act.Should().Throw<TorchException>().WithMessage("*shapes cannot be multiplied (2x3 and 4x5)*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Conv2d_with_the_wrong_number_of_input_channels_says_how_many_were_expected()
    {
        using var scope = NewDisposeScope();
        var act = () => F.conv2d(zeros([1, 5, 8, 8]), zeros([4, 3, 3, 3]));
        act.Should().Throw<TorchException>().WithMessage("*expected input[1, 5, 8, 8] to have 3 channels, but got 5 channels*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Linear_with_the_wrong_number_of_features_names_both_shapes()
    {
        using var scope = NewDisposeScope();
        var act = () => F.linear(zeros([2, 3]), zeros([4, 5]));
        act.Should().Throw<TorchException>().WithMessage("*shapes cannot be multiplied (2x3 and 5x4)*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Reshape_to_a_different_number_of_elements_names_shape_and_size()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).reshape(4, 2);
        act.Should().Throw<TorchException>().WithMessage("shape '[4, 2]' is invalid for input of size 6*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void View_of_a_non_contiguous_tensor_suggests_reshape()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2, 3]).t().view(6);
        act.Should().Throw<TorchException>().WithMessage("view size is not compatible*Use .reshape(...) instead*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Split_sizes_that_do_not_add_up_name_the_expected_total()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([3]).split([1, 1]);
        act.Should().Throw<TorchException>().WithMessage("split_with_sizes expects split_sizes to sum exactly to 3*got split_sizes=[1, 1]*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Cat_of_mismatched_shapes_names_the_offending_tensor()
    {
        using var scope = NewDisposeScope();
        var act = () => cat([zeros([2, 3]), zeros([2, 4])]);
        act.Should().Throw<TorchException>().WithMessage("Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Stack_of_mismatched_shapes_names_both_entries()
    {
        using var scope = NewDisposeScope();
        var act = () => stack([zeros([2, 3]), zeros([2, 4])]);
        act.Should().Throw<TorchException>().WithMessage("stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Negative_dimensions_are_rejected_with_the_shape()
    {
        using var scope = NewDisposeScope();
        var create = () => zeros([-1, 2]);
        create.Should().Throw<TorchException>().WithMessage("Trying to create tensor with negative dimension -1: [-1, 2]*");
        var fromData = () => tensor(new float[] { 1, 2 }, [-2, -1]);
        fromData.Should().Throw<ArgumentException>().WithMessage("dimensions must be non-negative; got [-2, -1]*").Which.ParamName.Should().Be("dimensions");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Tensor_with_the_wrong_element_count_says_how_many_are_needed()
    {
        var act = () => tensor(new float[] { 1, 2, 3, 4, 5 }, [2, 3]);
        act.Should().Throw<ArgumentException>().WithMessage("shape [2, 3] needs 6 elements but 5 were given*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Item_of_a_multi_element_tensor_names_the_element_count()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([4]).item<float>();
        act.Should().Throw<TorchException>().WithMessage("a Tensor with 4 elements cannot be converted to Scalar*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Batch_norm_running_statistics_of_the_wrong_size_are_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => F.batch_norm(zeros([4, 3]), zeros([2]), ones([2]), training: true);
        act.Should().Throw<TorchException>().WithMessage("running_mean should contain 3 elements not 2*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Layer_norm_shape_that_does_not_match_the_input_is_rejected()
    {
        using var scope = NewDisposeScope();
        var act = () => F.layer_norm(zeros([2, 3]), [4]);
        act.Should().Throw<TorchException>().WithMessage("Given normalized_shape=[4], expected input with shape [*, 4], but got input of size*[2, 3]*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Pooling_window_larger_than_the_input_reports_the_output_size()
    {
        using var scope = NewDisposeScope();
        var act = () => F.max_pool2d(zeros([1, 1, 2, 2]), [3]);
        act.Should().Throw<TorchException>().WithMessage("*Output size is too small*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Expand_to_an_incompatible_size_names_both_sizes()
    {
        using var scope = NewDisposeScope();
        var act = () => zeros([2]).expand(3);
        act.Should().Throw<TorchException>().WithMessage("The expanded size of the tensor (3) must match the existing size (2)*");
        EngineHealth.AssertStillWorks();
    }
}
