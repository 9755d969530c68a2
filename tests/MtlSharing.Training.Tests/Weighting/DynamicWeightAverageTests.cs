using MtlSharing.Training.Weighting;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// Dynamic Weight Average: w_t = K·exp(r_t/T) / Σ_i exp(r_i/T) with r_t = L_t(e−1)/L_t(e−2),
/// weights 1 until two epochs have ended. Exponentials worked out in double by hand.
/// </summary>
public sealed class DynamicWeightAverageTests
{
    [Fact]
    public void Weights_are_one_for_the_first_two_epochs()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new DynamicWeightAverage();

        weighting.Backward(toy.Losses(1, 2));
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 2, ["b"] = 1 });
        weighting.Backward(toy.Losses(1, 2));

        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.EpochWeights.Should().BeEmpty();
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(8, 16, 3, 6);
    }

    [Fact]
    public void Third_epoch_weights_follow_the_loss_ratios()
    {
        using var scope = NewDisposeScope();
        using var toy = EqualAndFixedWeightingTests.Toy();
        var weighting = new DynamicWeightAverage(temperature: 2);
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 2, ["b"] = 1 });
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });

        weighting.Backward(toy.Losses(1, 2));

        // r = (1/2, 1/1); exp(0.25) = 1.2840254166877414, exp(0.5) = 1.6487212707001282, sum 2.9327466873878696;
        // w_a = 2·1.2840254166877414/2.9327466873878696 = 0.8756469982284038, w_b = 1.1243530017715964
        const double wa = 0.8756469982284038, wb = 1.1243530017715964;
        weighting.LastWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = wa, ["b"] = wb });
        (wa + wb).Should().BeApproximately(2, 1e-15);
        // ∇_W = w_a·[[1, 2], [2, 4]] + w_b·[[3, 6], [−0.5, −1]]
        ToyModel.Grad(toy.Shared.weight).ShouldBeClose(4.248706003543193, 8.497412007086385, 1.1891174955710093, 2.3782349911420186);
        ToyModel.Grad(toy.Head("a").weight).ShouldBeClose(wa, 2 * wa);
    }

    [Fact]
    public void Each_epoch_uses_the_two_before_it_and_K_is_the_task_count()
    {
        var weighting = new DynamicWeightAverage();
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = 2, ["c"] = 4 });
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1, ["c"] = 1 });

        // r/T = (0.5, 0.25, 0.125); exp = 1.6487212707001282, 1.2840254166877414, 1.1331484530668263,
        // sum 4.065895140454696; w = 3·exp/sum
        weighting.EpochWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.2165005838166418, ["b"] = 0.9474116072832217, ["c"] = 0.8360878089001363 });

        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 0.9, ["b"] = 0.5 });

        // only a and b have both epochs: r/T = (0.45, 0.25); exp(0.45) = 1.568312185490169, exp(0.25) = 1.2840254166877414;
        // w = 2·exp/2.8523376021779104; c is absent and so keeps weight 1
        weighting.EpochWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 1.099667994624956, ["b"] = 0.900332005375044 });
    }

    [Fact]
    public void Huge_ratios_do_not_overflow()
    {
        var weighting = new DynamicWeightAverage(temperature: 0.001);
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 10, ["b"] = 1 });

        // r/T = (10000, 1000): exp(−9000) underflows to 0, so w = (2, 0)
        weighting.EpochWeights.ShouldBeClose(new Dictionary<string, double> { ["a"] = 2, ["b"] = 0 });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Temperature_and_losses_are_validated(double bad)
    {
        var weighting = new DynamicWeightAverage();

        var temperature = () => new DynamicWeightAverage(bad);
        var loss = () => weighting.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = bad });

        temperature.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*temperature*");
        loss.Should().Throw<ArgumentException>().WithMessage("the mean loss of task 'b'*");
        weighting.StateDict().Should().BeEmpty();
    }

    [Fact]
    public void State_round_trips_and_bad_state_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var source = new DynamicWeightAverage();
        source.EndEpoch(new Dictionary<string, double> { ["a"] = 2, ["b"] = 1 });
        source.EndEpoch(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        var state = source.StateDict();
        state.Keys.Should().BeEquivalentTo("previous.a", "previous.b", "before_previous.a", "before_previous.b");

        var target = new DynamicWeightAverage();
        target.LoadStateDict(state);
        target.EpochWeights.ShouldBeClose(source.EpochWeights);
        target.EndEpoch(new Dictionary<string, double> { ["a"] = 0.9, ["b"] = 0.5 });
        source.EndEpoch(new Dictionary<string, double> { ["a"] = 0.9, ["b"] = 0.5 });
        target.EpochWeights.ShouldBeClose(source.EpochWeights);

        var orphan = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["before_previous.a"] = tensor(1.0, float32) });
        var negative = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["previous.a"] = tensor(-1.0, float32) });
        var unknown = () => target.LoadStateDict(new Dictionary<string, Tensor> { ["history.a"] = tensor(1.0, float32) });
        orphan.Should().Throw<ArgumentException>().WithMessage("*none of the previous epoch*");
        negative.Should().Throw<ArgumentException>().WithMessage("*'previous.a' is -1; it must be a finite number > 0*");
        unknown.Should().Throw<ArgumentException>().WithMessage("*unexpected entries history.a*");
        target.EpochWeights.ShouldBeClose(source.EpochWeights);
    }
}
