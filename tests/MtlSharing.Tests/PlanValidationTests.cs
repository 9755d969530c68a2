using MtlSharing.Plans;
using MtlSharing.Selectors;

namespace MtlSharing.Tests;

/// <summary>Bad plans raise ArgumentException naming the problem and leave the backbone untouched.</summary>
public sealed class PlanValidationTests
{
    [Fact]
    public void Zero_tasks_are_rejected()
    {
        var act = () => SharingPlan.For([], Fixtures.Head);
        act.Should().Throw<ArgumentException>().WithMessage("*at least one task*");
    }

    [Fact]
    public void Duplicate_task_names_are_rejected()
    {
        var act = () => SharingPlan.For(["cars", "birds", "cars"], Fixtures.Head);
        act.Should().Throw<ArgumentException>().WithMessage("*duplicate task names: 'cars'*");
    }

    [Fact]
    public void Task_names_with_dots_are_rejected()
    {
        var act = () => SharingPlan.For(["a.b"], Fixtures.Head);
        act.Should().Throw<ArgumentException>().WithMessage("*'a.b'*");
    }

    [Fact]
    public void Unknown_layer_path_suggests_the_nearest_names()
    {
        AssertRejected(Fixtures.Plan().PerTask("blok1.conv1"), "*unknown layer path 'blok1.conv1'; the nearest layers are block1.conv1*");
    }

    [Fact]
    public void Glob_matching_nothing_is_rejected()
    {
        AssertRejected(Fixtures.Plan().PerTask("*.attention*"), "*glob '*.attention*' matches no layer*");
    }

    [Fact]
    public void Two_rules_claiming_one_layer_with_different_modes_are_rejected()
    {
        var plan = Fixtures.Plan().PerTask("block1").Freeze("block1.conv1");
        AssertRejected(plan, "*claim layer 'block1.conv1' with different modes (per task vs frozen)*");
    }

    [Fact]
    public void Two_rules_with_the_same_mode_may_overlap()
    {
        using var backbone = new TinyNet();
        using var model = Fixtures.Plan().PerTask("block1").PerTask("block1.conv1").Apply(backbone);
        model.Switches.Select(s => s.Path).Should().Equal("block1");
    }

    [Fact]
    public void Partition_missing_a_task_is_rejected()
    {
        AssertRejected(Fixtures.Plan().Groups("stem", ["birds", "cars"]), "*misses task 'aircraft'*");
    }

    [Fact]
    public void Partition_repeating_a_task_is_rejected()
    {
        AssertRejected(Fixtures.Plan().Groups("stem", ["birds", "cars"], ["cars", "aircraft"]), "*lists task 'cars' 2 times*");
    }

    [Fact]
    public void Partition_with_an_unknown_task_suggests_the_plan_tasks()
    {
        AssertRejected(Fixtures.Plan().Groups("stem", ["birds", "carz"], ["cars", "aircraft"]), "*unknown task 'carz'; the plan's tasks are birds, cars, aircraft*");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(9)]
    public void Block_count_out_of_range_is_rejected(int k)
    {
        AssertRejected(SharingPresets.BottomSpecific(Fixtures.Tasks, Fixtures.Head, k), $"*k = {k} is out of range; the backbone has 3 blocks*");
    }

    [Fact]
    public void Negative_block_count_is_rejected_at_once()
    {
        var act = () => SharingPresets.TopSpecific(Fixtures.Tasks, Fixtures.Head, -1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Block_index_out_of_range_is_rejected()
    {
        AssertRejected(Fixtures.Plan().PerTask(LayerSelector.Block(3)), "*block 3 is out of range; the backbone has blocks 0–2*");
    }

    [Fact]
    public void Every_problem_of_a_plan_is_reported_at_once()
    {
        var plan = Fixtures.Plan().PerTask("nope").Groups("stem", ["birds"]);
        AssertRejected(plan, "*unknown layer path 'nope'*misses task 'cars'*");
    }

    [Fact]
    public void A_backbone_cannot_be_applied_twice()
    {
        using var backbone = new TinyNet();
        using var model = Fixtures.Plan().PerTask("stem").Apply(backbone);
        var act = () => Fixtures.Plan().PerTask("block2").Apply(backbone);
        act.Should().Throw<ArgumentException>().WithMessage("*already holds task switches*");
    }

    private static void AssertRejected(SharingPlan plan, string message)
    {
        using var backbone = new TinyNet();
        var before = Fixtures.Snapshot(backbone);
        var modulesBefore = backbone.named_modules().Select(m => (m.name, m.module)).ToList();
        var act = () => plan.Apply(backbone);
        act.Should().Throw<ArgumentException>().WithMessage(message);
        Fixtures.Snapshot(backbone).ShouldEqual(before);
        backbone.named_modules().Select(m => (m.name, m.module)).Should().Equal(modulesBefore);
    }
}
