using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// PCGrad on a toy model whose shared layer is W = (2, 3)ᵀ (one input, two outputs) and x = 1, so
/// z = (2, 3) and the flattened ∇_W L_t is the head h_t itself: choosing the heads chooses the
/// per-task shared gradients.
/// </summary>
public sealed class PCGradTests
{
    [Fact]
    public void Conflicting_gradients_are_projected_both_ways()
    {
        using var scope = NewDisposeScope();
        var g1 = tensor(new double[] { 1, 0 });
        var g2 = tensor(new double[] { -1, 1 });

        var projected = PCGrad.Project([g1, g2], i => [1 - i]);

        // g1·g2 = −1 < 0: g1' = g1 − (−1/‖g2‖² = −1/2)·g2 = (0.5, 0.5); g2' = g2 − (−1/‖g1‖² = −1)·g1 = (0, 1)
        projected[0].data<double>().ToArray().ShouldBeClose(0.5, 0.5);
        projected[1].data<double>().ToArray().ShouldBeClose(0, 1);
        g1.data<double>().ToArray().ShouldBeClose(1, 0);
    }

    [Fact]
    public void With_three_tasks_the_order_matters_and_projects_onto_the_original_gradients()
    {
        using var scope = NewDisposeScope();
        Tensor[] g = [tensor(new double[] { 1, 0 }), tensor(new double[] { -1, 1 }), tensor(new double[] { 0, -1 })];

        // Order (2, 3) for g1: against g2 → (0.5, 0.5); then (0.5, 0.5)·g3 = −0.5 < 0 → (0.5, 0.5) − (−0.5)·(0, −1) = (0.5, 0).
        var firstOrder = PCGrad.Project(g, i => i == 0 ? [1, 2] : []);
        // Order (3, 2): g1·g3 = 0, no projection; then against g2 → (0.5, 0.5).
        var secondOrder = PCGrad.Project(g, i => i == 0 ? [2, 1] : []);

        firstOrder[0].data<double>().ToArray().ShouldBeClose(0.5, 0);
        secondOrder[0].data<double>().ToArray().ShouldBeClose(0.5, 0.5);
        firstOrder[2].data<double>().ToArray().ShouldBeClose(0, -1);
    }

    [Fact]
    public void Shared_parameters_get_the_sum_of_projections_and_heads_their_own_gradient()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy([1, 0], [-1, 1]);
        var weighting = new PCGrad();
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1));

        // (0.5, 0.5) + (0, 1) = (0.5, 1.5), where the plain sum would be (0, 1); each head gets z = (2, 3) once
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(0.5, 1.5);
        ToyModel.Grad(toy.Head("a").weight).ShouldBeClose(2, 3);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(2, 3);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.Step.Should().Be(1);
    }

    [Fact]
    public void Agreeing_gradients_are_summed_unchanged()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy([1, 0], [1, 1]);
        var weighting = new PCGrad();
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1));

        // g1·g2 = 1 ≥ 0: (1, 0) + (1, 1) = (2, 1)
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(2, 1);
    }

    [Fact]
    public void A_single_task_gets_its_plain_gradient()
    {
        using var scope = NewDisposeScope();
        using var toy = Toy([1, 0], [-1, 1]);
        var weighting = new PCGrad();
        weighting.Initialize(toy.Model);

        weighting.Backward(new Dictionary<string, Tensor> { ["b"] = toy.Losses(1)["b"] });

        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(-1, 1);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(2, 3);
        toy.Head("a").weight.grad.Should().BeNull();
    }

    [Fact]
    public void Random_orders_are_reproducible_from_the_seed_and_the_saved_step()
    {
        using var scope = NewDisposeScope();
        var first = RunThreeTasks(new PCGrad(seed: 7), steps: 6);
        var again = RunThreeTasks(new PCGrad(seed: 7), steps: 6);
        again.Should().Equal(first);
        first.Distinct().Should().HaveCountGreaterThan(1, "the orders vary from step to step");
        // Per task, by visiting order: a → (0.5, 0) or (0.5, 0.5); b → (0, 0) either way
        // ((−1, 1) + (1, 0) = (0, 1), then + (0, −1) = (0, 0); or (−1, 0), then (0, 0));
        // c → (−0.5, −0.5) or (0, −0.5). So the shared gradient is one of four sums.
        first.Should().OnlyContain(g => g == "0, -0.5" || g == "0.5, -0.5" || g == "0, 0" || g == "0.5, 0");

        var resumed = new PCGrad(seed: 123);
        var prefix = new PCGrad(seed: 7);
        RunThreeTasks(prefix, steps: 3);
        resumed.LoadStateDict(prefix.StateDict());
        resumed.Seed.Should().Be(7);
        resumed.Step.Should().Be(3);
        RunThreeTasks(resumed, steps: 3).Should().Equal(first.Skip(3));
    }

    [Fact]
    public void Bad_state_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var weighting = new PCGrad(seed: 5);

        var fraction = () => weighting.LoadStateDict(new Dictionary<string, Tensor> { ["seed"] = tensor(1.0, float32), ["step"] = tensor(2.5, float64) });
        var negative = () => weighting.LoadStateDict(new Dictionary<string, Tensor> { ["seed"] = tensor(1.0, float32), ["step"] = tensor(-1.0, float32) });
        var missing = () => weighting.LoadStateDict(new Dictionary<string, Tensor> { ["step"] = tensor(1.0, float32) });

        fraction.Should().Throw<ArgumentException>().WithMessage("*'step' is 2.5; it must be a whole number*");
        negative.Should().Throw<ArgumentException>().WithMessage("*'step' is -1*");
        missing.Should().Throw<ArgumentException>().WithMessage("*no entry 'seed'*");
        weighting.Seed.Should().Be(5);
        weighting.Step.Should().Be(0);
    }

    /// <summary>
    /// Three tasks with g = (1, 0), (−1, 1), (0, −1), where the visiting order changes the result;
    /// returns the shared gradient of each step.
    /// </summary>
    private static List<string> RunThreeTasks(PCGrad weighting, int steps)
    {
        using var toy = ToyModel.Create(
            new double[,] { { 2 }, { 3 } },
            new Dictionary<string, double[]> { ["a"] = [1, 0], ["b"] = [-1, 1], ["c"] = [0, -1] });
        weighting.Initialize(toy.Model);
        var result = new List<string>();
        for (var i = 0; i < steps; i++)
        {
            toy.Model.zero_grad();
            weighting.Backward(toy.Losses(1));
            result.Add(string.Join(", ", ToyModel.Grad(toy.Shared.weight).Select(v => (v + 0.0).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return result;
    }

    private static ToyModel Toy(double[] headA, double[] headB) => ToyModel.Create(
        new double[,] { { 2 }, { 3 } },
        new Dictionary<string, double[]> { ["a"] = headA, ["b"] = headB });
}
