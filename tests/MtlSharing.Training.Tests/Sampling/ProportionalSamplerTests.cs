using MtlSharing.Training.Sampling;

namespace MtlSharing.Training.Tests.Sampling;

public sealed class ProportionalSamplerTests
{
    private static readonly Dictionary<string, int> Batches = Plans.Batches(("a", 5), ("b", 2), ("c", 1));

    [Fact]
    public void Each_task_appears_exactly_as_often_as_it_has_batches()
    {
        var plan = Plans.Single(new ProportionalSampler(seed: 3).PlanEpoch(0, Batches));

        plan.Should().HaveCount(8);
        plan.Count(t => t == "a").Should().Be(5);
        plan.Count(t => t == "b").Should().Be(2);
        plan.Count(t => t == "c").Should().Be(1);
    }

    [Fact]
    public void The_plan_depends_on_seed_and_epoch_only()
    {
        var batches = Plans.Batches(("a", 20), ("b", 20));
        var sampler = new ProportionalSampler(seed: 3);
        var epoch1 = Plans.Single(sampler.PlanEpoch(1, batches));

        Plans.Single(new ProportionalSampler(seed: 3).PlanEpoch(1, batches)).Should().Equal(epoch1);
        Plans.Single(sampler.PlanEpoch(2, batches)).Should().NotEqual(epoch1);
        Plans.Single(new ProportionalSampler(seed: 4).PlanEpoch(1, batches)).Should().NotEqual(epoch1);
    }

    [Fact]
    public void Every_position_draws_a_task_with_probability_proportional_to_its_batches()
    {
        // For a uniform shuffle of the multiset {a × 5, b × 2, c × 1}, every position holds a with probability
        // 5/8, b with 2/8 and c with 1/8. Over 4000 epochs the standard error is at most 0.008; allow 0.03.
        var sampler = new ProportionalSampler(seed: 11);
        var first = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        var last = new Dictionary<string, int>(first);
        const int Epochs = 4000;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var plan = Plans.Single(sampler.PlanEpoch(epoch, Batches));
            first[plan[0]]++;
            last[plan[^1]]++;
        }

        foreach (var (task, expected) in new[] { ("a", 5 / 8.0), ("b", 2 / 8.0), ("c", 1 / 8.0) })
        {
            (first[task] / (double)Epochs).Should().BeApproximately(expected, 0.03, $"task {task} first");
            (last[task] / (double)Epochs).Should().BeApproximately(expected, 0.03, $"task {task} last");
        }
    }
}
