using MtlSharing.Training.Sampling;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Sampling;

public sealed class TemperatureSamplerTests
{
    // n = 1, 4, 16: with α = 0.5, n^α = 1, 2, 4, so p = 1/7, 2/7, 4/7.
    private static readonly Dictionary<string, int> Batches = Plans.Batches(("small", 1), ("medium", 4), ("large", 16));

    [Theory]
    [InlineData(0.5, 1 / 7.0, 2 / 7.0, 4 / 7.0)]
    [InlineData(1.0, 1 / 21.0, 4 / 21.0, 16 / 21.0)]
    [InlineData(0.0, 1 / 3.0, 1 / 3.0, 1 / 3.0)]
    public void Probabilities_follow_n_to_the_alpha(double alpha, double small, double medium, double large)
    {
        var p = new TemperatureSampler(alpha).Probabilities(Batches);

        p["small"].Should().BeApproximately(small, 1e-12);
        p["medium"].Should().BeApproximately(medium, 1e-12);
        p["large"].Should().BeApproximately(large, 1e-12);
    }

    [Theory]
    [InlineData(0.5, 1 / 7.0, 2 / 7.0, 4 / 7.0)]
    [InlineData(1.0, 1 / 21.0, 4 / 21.0, 16 / 21.0)]
    [InlineData(0.0, 1 / 3.0, 1 / 3.0, 1 / 3.0)]
    public void Over_many_epochs_the_draws_match_the_probabilities(double alpha, double small, double medium, double large)
    {
        // 2000 epochs of 21 steps = 42 000 draws; the standard error of a frequency is at most 0.0025. Allow 0.01.
        var sampler = new TemperatureSampler(alpha, seed: 17);
        var counts = new Dictionary<string, int> { ["small"] = 0, ["medium"] = 0, ["large"] = 0 };
        var draws = 0;
        for (var epoch = 0; epoch < 2000; epoch++)
        {
            var plan = Plans.Single(sampler.PlanEpoch(epoch, Batches));
            plan.Should().HaveCount(21, "an epoch has Σ n steps");
            foreach (var task in plan)
            {
                counts[task]++;
                draws++;
            }
        }

        (counts["small"] / (double)draws).Should().BeApproximately(small, 0.01);
        (counts["medium"] / (double)draws).Should().BeApproximately(medium, 0.01);
        (counts["large"] / (double)draws).Should().BeApproximately(large, 0.01);
    }

    [Fact]
    public void Small_tasks_cycle_within_an_epoch_when_drawn_more_often_than_they_have_batches()
    {
        var plans = Enumerable.Range(0, 20).Select(e => Plans.Single(new TemperatureSampler(0, seed: 1).PlanEpoch(e, Batches)));

        plans.Should().Contain(plan => plan.Count(t => t == "small") > 1, "with α = 0 the one-batch task is drawn about 7 times per epoch");
    }

    [Fact]
    public void The_plan_depends_on_seed_and_epoch_only()
    {
        var epoch3 = Plans.Single(new TemperatureSampler(0.5, seed: 2).PlanEpoch(3, Batches));

        Plans.Single(new TemperatureSampler(0.5, seed: 2).PlanEpoch(3, Batches)).Should().Equal(epoch3);
        Plans.Single(new TemperatureSampler(0.5, seed: 2).PlanEpoch(4, Batches)).Should().NotEqual(epoch3);
        Plans.Single(new TemperatureSampler(0.5, seed: 9).PlanEpoch(3, Batches)).Should().NotEqual(epoch3);
    }

    [Fact]
    public void Alpha_must_be_finite_and_not_negative()
    {
        Invoking(() => new TemperatureSampler(-0.1)).Should().Throw<ArgumentOutOfRangeException>();
        Invoking(() => new TemperatureSampler(double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
        new TemperatureSampler(0.5).Name.Should().Be("temperature(alpha=0.5)");
    }
}
