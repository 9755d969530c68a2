using MtlSharing.Training.Sampling;

namespace MtlSharing.Training.Tests.Sampling;

public sealed class AllTasksSamplerTests
{
    [Fact]
    public void Every_step_uses_every_task_for_as_many_steps_as_the_longest_task()
    {
        var plan = new AllTasksSampler().PlanEpoch(2, Plans.Batches(("a", 2), ("b", 5), ("c", 1)));

        plan.Should().HaveCount(5);
        plan.Should().OnlyContain(step => step.SequenceEqual(new[] { "a", "b", "c" }));
    }
}
