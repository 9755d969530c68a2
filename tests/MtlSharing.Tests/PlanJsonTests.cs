using MtlSharing.Plans;
using MtlSharing.Selectors;

namespace MtlSharing.Tests;

public sealed class PlanJsonTests
{
    [Fact]
    public void A_plan_round_trips_through_JSON_with_its_tasks_rules_and_options()
    {
        var plan = Fixtures.Plan()
            .PerTask("stem")
            .Groups("block1", ["birds", "cars"], ["aircraft"])
            .Freeze(LayerSelector.Blocks(2, 2))
            .With(new SharingPlanOptions { PerTaskBatchNorm = true, ConcatenateTaskBatches = false, CopyInitialisation = CopyInitialisation.Fresh });

        var json = plan.ToJson();
        var read = SharingPlan.FromJson(json, Fixtures.Head);

        read.Tasks.Should().Equal(plan.Tasks);
        read.Rules.Select(r => r.ToString()).Should().Equal(plan.Rules.Select(r => r.ToString()));
        (read.Options.PerTaskBatchNorm, read.Options.ConcatenateTaskBatches, read.Options.CopyInitialisation).Should().Be((true, false, CopyInitialisation.Fresh));
        read.DifferenceFrom(json).Should().BeNull();
        read.Describe(new TinyNet()).ToText().Should().Be(plan.Describe(new TinyNet()).ToText());
    }

    [Fact]
    public void The_first_difference_is_named()
    {
        var saved = Fixtures.Plan().PerTask("stem").ToJson();

        Fixtures.Plan().PerTask("block1").DifferenceFrom(saved).Should().Be("rule 1 differs: the saved plan has prefix 'stem' → per-task; this model's plan has prefix 'block1' → per-task");
        SharingPlan.For(["birds", "cars"], Fixtures.Head).PerTask("stem").DifferenceFrom(saved).Should().Be("the tasks differ: the saved plan has birds, cars, aircraft; this model's plan has birds, cars");
        Fixtures.Plan().PerTask("stem").With(new SharingPlanOptions { PerTaskBatchNorm = true }).DifferenceFrom(saved).Should().StartWith("the options differ:");
    }

    [Fact]
    public void Code_selectors_and_bad_JSON_are_refused_clearly()
    {
        var json = Fixtures.Plan().With(LayerSelector.OfType<TorchSharp.Modules.BatchNorm2d>(), SharingMode.PerTask).ToJson();

        var readCode = () => SharingPlan.FromJson(json, Fixtures.Head);
        var readJunk = () => SharingPlan.FromJson("{ not json", Fixtures.Head);
        var readMode = () => SharingPlan.FromJson(Fixtures.Plan().PerTask("stem").ToJson().Replace("per-task", "sometimes", StringComparison.Ordinal), Fixtures.Head);

        readCode.Should().Throw<NotSupportedException>().WithMessage("the selector 'BatchNorm2d' is code*");
        readJunk.Should().Throw<FormatException>().WithMessage("not a sharing plan's JSON*");
        readMode.Should().Throw<FormatException>().WithMessage("unknown sharing mode 'sometimes'*");
    }
}
