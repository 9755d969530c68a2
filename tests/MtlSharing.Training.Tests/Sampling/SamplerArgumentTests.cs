using MtlSharing.Training.Sampling;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Sampling;

public sealed class SamplerArgumentTests
{
    public static TheoryData<ITaskSampler> Samplers() =>
        [new RoundRobinSampler(), new ProportionalSampler(), new TemperatureSampler(0.5), new AllTasksSampler()];

    [Theory]
    [MemberData(nameof(Samplers))]
    public void No_task_a_task_without_batches_or_a_negative_epoch_is_rejected(ITaskSampler sampler)
    {
        Invoking(() => sampler.PlanEpoch(0, new Dictionary<string, int>()))
            .Should().Throw<ArgumentException>().WithMessage("*no task*");
        Invoking(() => sampler.PlanEpoch(0, Plans.Batches(("a", 3), ("b", 0))))
            .Should().Throw<ArgumentException>().WithMessage("task 'b' has 0 batches per epoch*");
        Invoking(() => sampler.PlanEpoch(-1, Plans.Batches(("a", 3))))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void A_single_task_is_planned_once_per_batch(ITaskSampler sampler)
    {
        var plan = sampler.PlanEpoch(0, Plans.Batches(("only", 4)));

        plan.Should().HaveCount(4);
        plan.Should().OnlyContain(step => step.SequenceEqual(new[] { "only" }));
    }
}
