using MtlSharing.Plans;
using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// GradNorm, two steps worked out by hand on the toy model W = I, h_a = (1, 2), h_b = (3, −0.5),
/// with α = 1.5 and weight learning rate η = 0.1. W is the shared layer's weight.
/// <para>
/// Step 1, x = (1, 2): L = (5, 2) = L(0). ∇_W L_a = [[1, 2], [2, 4]] (norm 5),
/// ∇_W L_b = [[3, 6], [−0.5, −1]] (norm √46.25 = 6.800735254367722). With w = (1, 1):
/// G = (5, 6.800735254367722), Ḡ = 5.900367627183861; r = (1, 1) so the targets are Ḡ;
/// L_grad = 2·0.900367627183861 = 1.800735254367722; ∂L_grad/∂w = (−5, +6.800735254367722)
/// (the sign of G_t − target times ‖∇_W L_t‖). SGD: w = (1.5, 0.31992647456322776), sum
/// 1.8199264745632278, renormalised to sum 2: w = (1.6484182421270526, 0.35158175787294743).
/// The model's gradients use w = (1, 1).
/// </para>
/// <para>
/// Step 2, x = (2, 1): L = (4, 5.5), L̃ = (0.8, 2.75), mean 1.775, r = (0.45070422535211274,
/// 1.5492957746478875). ‖∇_W L_a‖ = ‖[[2, 1], [4, 2]]‖ = 5, ‖∇_W L_b‖ = ‖[[6, 3], [−1, −0.5]]‖ = √46.25.
/// G = (8.242091210635262, 2.39101445555913), Ḡ = 5.316552833097196, targets Ḡ·r^1.5 =
/// (1.608672280494735, 10.25254392665747), L_grad = 14.494948401238867, ∂L_grad/∂w = (+5, −√46.25);
/// SGD: (1.1484182421270526, 1.0316552833097197), renormalised: (1.053559183878415, 0.9464408161215847).
/// The model's gradients use the step-1 result: ∇_W = w_a·[[2, 1], [4, 2]] + w_b·[[6, 3], [−1, −0.5]].
/// </para>
/// </summary>
public sealed class GradNormTests
{
    [Fact]
    public void Two_steps_match_the_hand_computation()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new GradNorm(alpha: 1.5, weightLearningRate: 0.1);
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1, 2));

        weighting.InitialLosses.ShouldBeClose(new Dictionary<string, double> { ["a"] = 5, ["b"] = 2 });
        weighting.LastGradNormLoss.Should().BeApproximately(1.800735254367722, 1e-12);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.Weights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.6484182421270526, ["b"] = 0.35158175787294743 });
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(4, 8, 1.5, 3);

        toy.Model.zero_grad();
        weighting.Backward(toy.Losses(2, 1));

        weighting.LastGradNormLoss.Should().BeApproximately(14.494948401238867, 1e-12);
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.6484182421270526, ["b"] = 0.35158175787294743 });
        weighting.Weights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.053559183878415, ["b"] = 0.9464408161215847 });
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(5.40632703149179, 2.703163515745895, 6.242091210635262, 3.121045605317631);
        ToyModel.Grad(toy.Head("a").weight).ShouldBeClose(3.296836484254105, 1.6484182421270526);
        ToyModel.Grad(toy.Head("b").weight).ShouldBeClose(0.7031635157458949, 0.35158175787294743);
        weighting.InitialLosses.ShouldBeClose(new Dictionary<string, double> { ["a"] = 5, ["b"] = 2 });
    }

    [Fact]
    public void Restored_state_continues_exactly()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var source = new GradNorm(1.5, 0.1);
        source.Initialize(toy.Model);
        source.Backward(toy.Losses(1, 2));

        var target = new GradNorm(1.5, 0.1);
        target.Initialize(toy.Model);
        target.LoadStateDict(source.StateDict());
        target.Backward(toy.Losses(2, 1));

        target.Weights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.053559183878415, ["b"] = 0.9464408161215847 });
        var bad = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["weight.a"] = tensor(1.0, float32), ["weight.b"] = tensor(0.0, float32) });
        var unknownTask = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["weight.c"] = tensor(1.0, float32) });
        bad.Should().Throw<ArgumentException>().WithMessage("*'weight.b' is 0; it must be a finite number > 0*");
        unknownTask.Should().Throw<ArgumentException>().WithMessage("unknown task 'c'*");
        target.Weights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.053559183878415, ["b"] = 0.9464408161215847 });
    }

    [Fact]
    public void An_update_that_makes_a_weight_non_positive_throws_and_keeps_the_weights()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new GradNorm(1.5, weightLearningRate: 1);
        weighting.Initialize(toy.Model);

        // w_b = 1 − 6.80… < 0
        var act = () => weighting.Backward(toy.Losses(1, 2));

        act.Should().Throw<InvalidOperationException>().WithMessage("*weight of task 'b'*Lower the weight learning rate*");
        weighting.Weights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.InitialLosses.Should().BeEmpty();
    }

    [Fact]
    public void Default_layer_is_the_last_shared_one()
    {
        using var scope = NewDisposeScope();
        var first = ToyModel.Layer(new double[,] { { 1, 0 }, { 0, 1 } });
        var second = ToyModel.Layer(new double[,] { { 2, 0 }, { 0, 2 } });
        var heads = (Func<string, nn.Module<Tensor, Tensor>>)(_ => ToyModel.Layer(new double[,] { { 1, 1 } }));
        using var allShared = SharingPlan.For(["a", "b"], heads).Apply(nn.Sequential(first, second));
        using var topSpecific = SharingPlan.For(["a", "b"], heads).PerTask("1").Apply(nn.Sequential(ToyModel.Layer(new double[,] { { 1 } }), ToyModel.Layer(new double[,] { { 1 } })));
        using var noneShared = SharingPlan.For(["a", "b"], heads).PerTask("0").Apply(nn.Sequential(ToyModel.Layer(new double[,] { { 1 } })));

        GradNorm.LastSharedLayer(allShared).Should().ContainSingle().Which.Should().BeSameAs(second.weight);
        var backbone = (nn.Module)topSpecific.Backbone;
        GradNorm.LastSharedLayer(topSpecific).Should().ContainSingle().Which.Should().BeSameAs(backbone.get_parameter("0.weight"));
        var act = () => new GradNorm(1.5, 0.1).Initialize(noneShared);
        act.Should().Throw<InvalidOperationException>().WithMessage("*no trainable shared parameters*");
    }

    [Fact]
    public void An_explicit_layer_replaces_the_default()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        // Balancing on head a's weight: ∇_{h_a}(w_a·L_a) = w_a·z = (1, 2) and head b gets nothing from L_a,
        // so G = (√5, 0), Ḡ = √5/2, L_grad = 2·√5/2 = √5 = 2.23606797749979.
        var weighting = new GradNorm(1.5, 0.01, toy.Head("a").parameters());
        weighting.Initialize(toy.Model);

        weighting.Backward(toy.Losses(1, 2));

        weighting.LastGradNormLoss.Should().BeApproximately(Math.Sqrt(5), 1e-12);
    }

    [Fact]
    public void Arguments_are_validated()
    {
        var alpha = () => new GradNorm(-0.5, 0.1);
        var rate = () => new GradNorm(1.5, 0);
        var emptyLayer = () => new GradNorm(1.5, 0.1, []);
        var notInitialized = () => new GradNorm(1.5, 0.1).Backward(new Dictionary<string, Tensor> { ["a"] = tensor(1.0, float32) });

        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new GradNorm(1.5, 0.1);
        weighting.Initialize(toy.Model);
        var zeroFirstLoss = () => weighting.Backward(new Dictionary<string, Tensor> { ["a"] = toy.Losses(1, 2)["a"].mul(0) });
        var nanLoss = () => weighting.Backward(new Dictionary<string, Tensor> { ["a"] = toy.Losses(1, 2)["a"].mul(double.NaN) });

        zeroFirstLoss.Should().Throw<ArgumentException>().WithMessage("the first loss of task 'a' is 0*");
        nanLoss.Should().Throw<ArgumentException>().WithMessage("the loss of task 'a' is NaN*");
        weighting.InitialLosses.Should().BeEmpty();
        alpha.Should().Throw<ArgumentOutOfRangeException>().WithMessage("alpha*");
        rate.Should().Throw<ArgumentOutOfRangeException>().WithMessage("the weight learning rate*");
        emptyLayer.Should().Throw<ArgumentException>().WithMessage("the shared layer must have at least one parameter*");
        notInitialized.Should().Throw<InvalidOperationException>().WithMessage("gradnorm needs the model*");
    }
}
