namespace MtlSharing.Torch.Tests.Errors;

public sealed class AutogradErrorTests
{
    [Fact]
    public void Backward_of_a_non_scalar_without_a_gradient_explains_why()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        var act = () => (x * 2).backward();
        act.Should().Throw<TorchException>().WithMessage("grad can be implicitly created only for scalar outputs*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Second_backward_without_retain_graph_suggests_retain_graph()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        var y = (x * x).sum();
        y.backward();
        var again = () => y.backward();
        again.Should().Throw<TorchException>().WithMessage("Trying to backward through the graph a second time*retain_graph=True*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Backward_of_a_result_computed_without_grad_names_the_problem()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        Tensor y;
        using (no_grad())
        {
            y = (x * 2).sum();
        }

        var act = () => y.backward();
        act.Should().Throw<TorchException>().WithMessage("element 0 of tensors does not require grad and does not have a grad_fn*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Changing_requires_grad_of_a_computed_tensor_points_to_detach()
    {
        using var scope = NewDisposeScope();
        var y = ones([2], requires_grad: true) * 2;
        var set = () => y.requires_grad = false;
        set.Should().Throw<InvalidOperationException>().WithMessage("requires_grad can only be changed on leaf tensors*use detach()*");
        var method = () => y.requires_grad_(false);
        method.Should().Throw<InvalidOperationException>().WithMessage("requires_grad can only be changed on leaf tensors*");

        // As in PyTorch, requires_grad_() on a computed tensor, which already requires grad, is allowed.
        y.requires_grad_().Should().BeSameAs(y);
        y.requires_grad.Should().BeTrue();
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void In_place_change_of_a_leaf_that_requires_grad_is_rejected()
    {
        using var scope = NewDisposeScope();
        var x = ones([2], requires_grad: true);
        var act = () => x.add_(1);
        act.Should().Throw<TorchException>().WithMessage("a leaf Variable that requires grad is being used in an in-place operation*");
        x.ToArray<float>().Should().Equal(1f, 1f);

        using (no_grad())
        {
            x.add_(1);
        }

        x.ToArray<float>().Should().Equal(2f, 2f);
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Autograd_grad_with_mismatched_grad_outputs_names_both_counts()
    {
        using var scope = NewDisposeScope();
        var x = ones([1], requires_grad: true);
        var act = () => autograd.grad([x * 2], [x], [ones([1]), ones([1])]);
        act.Should().Throw<ArgumentException>().WithMessage("grad_outputs has 2 entries but there are 1 outputs*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Autograd_grad_of_an_unused_input_says_to_allow_unused()
    {
        using var scope = NewDisposeScope();
        var x = ones([1], requires_grad: true);
        var unused = ones([1], requires_grad: true);
        var act = () => autograd.grad([(x * 2).sum()], [unused]);
        act.Should().Throw<TorchException>().WithMessage("*allow_unused=True*");
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void Assigning_a_gradient_of_another_shape_or_type_is_rejected()
    {
        using var scope = NewDisposeScope();
        var x = ones([2, 3], requires_grad: true);
        var shape = () => x.grad = zeros([3, 2]);
        shape.Should().Throw<TorchException>().WithMessage("assigned grad has data of a different size: the tensor is [2, 3] but the grad is [3, 2]*");
        var type = () => x.grad = zeros([2, 3], float64);
        type.Should().Throw<TorchException>().WithMessage("assigned grad has data of a different type: the tensor is Float but the grad is Double*");
        x.grad.Should().BeNull();
        EngineHealth.AssertStillWorks();
    }
}
