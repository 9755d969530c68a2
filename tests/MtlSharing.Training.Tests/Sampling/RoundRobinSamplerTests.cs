using MtlSharing.Training.Sampling;

namespace MtlSharing.Training.Tests.Sampling;

public sealed class RoundRobinSamplerTests
{
    [Fact]
    public void Tasks_take_turns_and_exhausted_tasks_are_skipped()
    {
        var plan = new RoundRobinSampler().PlanEpoch(0, Plans.Batches(("a", 2), ("b", 1), ("c", 3)));

        Plans.Single(plan).Should().Equal("a", "b", "c", "a", "c", "c");
    }

    [Fact]
    public void Every_epoch_has_the_same_plan()
    {
        var sampler = new RoundRobinSampler();
        var batches = Plans.Batches(("x", 3), ("y", 3));

        Plans.Single(sampler.PlanEpoch(7, batches)).Should().Equal(Plans.Single(sampler.PlanEpoch(0, batches)));
        Plans.Single(sampler.PlanEpoch(7, batches)).Should().Equal("x", "y", "x", "y", "x", "y");
        sampler.Name.Should().Be("round-robin");
    }
}
