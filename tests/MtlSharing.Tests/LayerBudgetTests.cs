using MtlSharing.Plans;
using MtlSharing.Selectors;

namespace MtlSharing.Tests;

/// <summary>
/// Layer-level selectors and budgets on <see cref="TinyNet"/>, counted by hand. Its parameterised
/// layers in registration order: stem.0 (112), stem.1 (8), block1.conv1 (148), block1.bn1 (8),
/// block1.conv2 (148), block1.bn2 (8), block2.0 (296), block2.1 (16). With three tasks and heads of
/// 108 parameters, a plan whose task-specific backbone layers hold S parameters has
/// 744 + 2S + 108 parameters, of which 3S + 108 are task-specific.
/// </summary>
public sealed class LayerBudgetTests
{
    [Theory]
    [InlineData(false, 3, new[] { "stem.0", "stem.1", "block1.conv1" })]
    [InlineData(true, 1, new[] { "block2.1" })]
    [InlineData(true, 3, new[] { "block1.bn2", "block2.0", "block2.1" })]
    [InlineData(false, 8, new[] { "stem.0", "stem.1", "block1.conv1", "block1.bn1", "block1.conv2", "block1.bn2", "block2.0", "block2.1" })]
    public void Edge_layers_are_the_parameterised_layers_in_registration_order(bool fromTop, int count, string[] expected)
    {
        var selector = fromTop ? LayerSelector.TopLayers(count) : LayerSelector.BottomLayers(count);
        using var model = Fixtures.Plan().PerTask(selector).Apply(new TinyNet());

        model.Switches.Select(s => s.Path).Should().Equal(expected);
    }

    [Fact]
    public void Edge_layers_count_by_hand()
    {
        using var backbone = new TinyNet();

        // bottom 3: 112 + 8 + 148 = 268 per task → 744 + 536 + 108 = 1388.
        Fixtures.Plan().PerTask(LayerSelector.BottomLayers(3)).Describe(backbone).Total.Should().Be(1388);

        // top 2: 296 + 16 = 312 per task → 744 + 624 + 108 = 1476, as TopSpecific(1).
        Fixtures.Plan().PerTask(LayerSelector.TopLayers(2)).Describe(backbone).Total.Should().Be(1476);
    }

    [Fact]
    public void Too_many_layers_are_refused_with_the_valid_range_and_the_model_left_untouched()
    {
        using var backbone = new TinyNet();
        var before = Fixtures.Snapshot(backbone);

        var act = () => Fixtures.Plan().PerTask(LayerSelector.TopLayers(9)).Apply(backbone);

        act.Should().Throw<ArgumentException>().Which.Message.Split('\n')[0]
            .Should().Contain("m = 9 is out of range; the backbone has 8 parameterised layers, so m must be 0–8");
        Fixtures.Snapshot(backbone).ShouldEqual(before);
        backbone.named_modules().Should().NotContain(m => m.module is Routing.TaskSwitch);
    }

    [Fact]
    public void Layer_selectors_round_trip_through_JSON()
    {
        var plan = Fixtures.Plan().PerTask(LayerSelector.BottomLayers(2)).Freeze(LayerSelector.TopLayers(1));

        var read = SharingPlan.FromJson(plan.ToJson(), Fixtures.Head);

        read.Rules.Select(r => r.ToString()).Should().Equal(plan.Rules.Select(r => r.ToString()));
        read.Describe(new TinyNet()).ToText().Should().Be(plan.Describe(new TinyNet()).ToText());
    }

    [Theory]

    // bottom m = 1: (336 + 108) / (852 + 224) = 444 / 1076; m = 2 gives 468 / 1092, farther from 0.40.
    [InlineData(BudgetSide.Bottom, 0.40, 1, 444.0 / 1076.0, true)]

    // bottom m = 3: 912 / 1388 = 0.657; tolerance 0.2 × 0.65 = 0.13.
    [InlineData(BudgetSide.Bottom, 0.65, 3, 912.0 / 1388.0, true)]

    // top m = 1 (block2.1, 16 per task): 156 / 884 = 0.176; tolerance max(0.01, 0.036).
    [InlineData(BudgetSide.Top, 0.18, 1, 156.0 / 884.0, true)]

    // top: m = 1 gives 0.176, m = 2 already 1044 / 1476 = 0.707; neither is within 0.08 of 0.40.
    [InlineData(BudgetSide.Top, 0.40, 1, 156.0 / 884.0, false)]
    public void Layer_budgets_pick_the_nearest_share_and_say_whether_it_matches(BudgetSide side, double target, int m, double share, bool matched)
    {
        using var backbone = new TinyNet();

        var chosen = SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, target, side, BudgetGranularity.Layers);

        (chosen.Count, chosen.Side, chosen.Granularity, chosen.IsMatched).Should().Be((m, side, BudgetGranularity.Layers, matched));
        chosen.Share.Should().BeApproximately(share, 1e-12);
        chosen.Plan.Describe(backbone).TaskSpecificShare.Should().BeApproximately(share, 1e-12);
    }

    [Fact]
    public void Blocks_are_too_coarse_where_layers_are_not()
    {
        using var backbone = new TinyNet();

        // Top blocks: k = 0 gives 108 / 852 = 0.127 and k = 1 gives 0.707, so 0.18 is not reachable.
        var blocks = SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, 0.18, BudgetSide.Top);
        var layers = SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, 0.18, BudgetSide.Top, BudgetGranularity.Layers);

        (blocks.Count, blocks.IsMatched).Should().Be((0, false));
        blocks.ToString().Should().Be("top 0 blocks: 12.7% task-specific (target 18%, NOT matched: more than 3.6% away)");
        (layers.Count, layers.IsMatched).Should().Be((1, true));
        layers.ToString().Should().Be("top 1 layers: 17.6% task-specific (target 18%, matched)");
    }

    [Theory]
    [InlineData(0.02, 0.01)]
    [InlineData(0.05, 0.01)]
    [InlineData(0.10, 0.02)]
    [InlineData(0.30, 0.06)]
    public void The_tolerance_is_one_point_or_a_fifth_of_the_target_whichever_is_looser(double target, double tolerance)
    {
        var budget = new BudgetedPlan(Fixtures.Plan(), BudgetSide.Bottom, BudgetGranularity.Layers, 0, target + tolerance, target);

        budget.Tolerance.Should().BeApproximately(tolerance, 1e-15);
        budget.IsMatched.Should().BeTrue();
        (budget with { Share = target + tolerance + 1e-9 }).IsMatched.Should().BeFalse();
    }

    [Fact]
    public void A_matched_budget_reports_both_sides()
    {
        using var backbone = new TinyNet();

        var both = SharingPresets.ForMatchedBudget(Fixtures.Tasks, Fixtures.Head, backbone, 0.40);

        (both.Bottom.Side, both.Bottom.Count, both.Bottom.IsMatched).Should().Be((BudgetSide.Bottom, 1, true));
        (both.Top.Side, both.Top.Count, both.Top.IsMatched).Should().Be((BudgetSide.Top, 1, false));
        both.IsMatched.Should().BeFalse();
    }

    [Fact]
    public void Budget_options_are_counted_in_the_share()
    {
        using var backbone = new TinyNet();
        var perTaskNorm = new SharingPlanOptions { PerTaskBatchNorm = true };

        // Per-task BatchNorm adds 8 + 8 + 8 + 16 = 40 per task beyond the chosen layers: with
        // bottom m = 1 (stem.0) that is S = 152 → (456 + 108) / (852 + 304) = 564 / 1156.
        var chosen = SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, 0.45, BudgetSide.Bottom, BudgetGranularity.Layers, perTaskNorm);

        chosen.Count.Should().Be(1);
        chosen.Share.Should().BeApproximately(564.0 / 1156.0, 1e-12);
        chosen.Plan.Options.PerTaskBatchNorm.Should().BeTrue();
    }
}
