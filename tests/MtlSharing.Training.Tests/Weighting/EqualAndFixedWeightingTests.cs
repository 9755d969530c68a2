using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// Equal and fixed weighting on the toy model W = I, h_a = (1, 2), h_b = (3, −0.5), x = (1, 2):
/// z = W x = (1, 2), L_a = 5, L_b = 2, ∇_W L_a = h_a xᵀ = [[1, 2], [2, 4]],
/// ∇_W L_b = h_b xᵀ = [[3, 6], [−0.5, −1]], and ∇_{h_t} L_t = z = (1, 2).
/// </summary>
public sealed class EqualAndFixedWeightingTests
{
    [Fact]
    public void Equal_weighting_gives_the_gradient_of_the_sum()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy();
        var weighting = new EqualWeighting();
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1, 2));

        // [[1, 2], [2, 4]] + [[3, 6], [−0.5, −1]] = [[4, 8], [1.5, 3]]
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(4, 8, 1.5, 3);
        ToyModel.Grad(toy.Head("a").weight).ShouldBeClose(1, 2);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(1, 2);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
    }

    [Fact]
    public void Fixed_weighting_scales_each_task_gradient_by_its_weight()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy();
        var weighting = new FixedWeighting(new Dictionary<string, double> { ["a"] = 2, ["b"] = 0.5 });
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1, 2));

        // 2·[[1, 2], [2, 4]] + 0.5·[[3, 6], [−0.5, −1]] = [[3.5, 7], [3.75, 7.5]]; heads 2·z and 0.5·z
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(3.5, 7, 3.75, 7.5);
        ToyModel.Grad(toy.Head("a").weight).ShouldBeClose(2, 4);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(0.5, 1);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 2, ["b"] = 0.5 });
    }

    [Fact]
    public void Gradients_add_to_what_is_already_there()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy();
        var weighting = new EqualWeighting();

        weighting.Backward(toy.Losses(1, 2));
        weighting.Backward(toy.Losses(1, 2));

        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(8, 16, 3, 6);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Fixed_weights_must_be_finite_and_non_negative(double bad)
    {
        var act = () => new FixedWeighting(new Dictionary<string, double> { ["a"] = 1, ["b"] = bad });

        act.Should().Throw<ArgumentException>().WithMessage("*task 'b'*finite and non-negative*");
    }

    [Fact]
    public void Fixed_weights_must_name_exactly_the_model_tasks()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy();

        var missing = () => new FixedWeighting(new Dictionary<string, double> { ["a"] = 1 }).Initialize(toy.Model);
        var extra = () => new FixedWeighting(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1, ["c"] = 1 }).Initialize(toy.Model);
        var unknownLoss = () => new FixedWeighting(new Dictionary<string, double> { ["a"] = 1 }).Backward(toy.Losses(1, 2));

        missing.Should().Throw<ArgumentException>().WithMessage("no weight for task(s) b*");
        extra.Should().Throw<ArgumentException>().WithMessage("*unknown task(s) c*");
        unknownLoss.Should().Throw<ArgumentException>().WithMessage("no weight for task 'b'*");
        new FixedWeighting(new Dictionary<string, double> { ["a"] = 0, ["b"] = 3 }).Weights["b"].Should().Be(3);
    }

    [Fact]
    public void Losses_must_be_present_and_scalar()
    {
        using var scope = NewDisposeScope();
        var weighting = new EqualWeighting();

        var none = () => weighting.Backward(new Dictionary<string, Tensor>());
        var vector = () => weighting.Backward(new Dictionary<string, Tensor> { ["a"] = ones([2], requires_grad: true) });

        none.Should().Throw<ArgumentException>().WithMessage("no task losses given*");
        vector.Should().Throw<ArgumentException>().WithMessage("the loss of task 'a' has shape [2]*");
    }

    internal static ToyModel Toy() => ToyModel.Create(
        new double[,] { { 1, 0 }, { 0, 1 } },
        new Dictionary<string, double[]> { ["a"] = [1, 2], ["b"] = [3, -0.5] });
}
