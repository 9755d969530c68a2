using System.Globalization;
using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>
/// Parameter counts worked out by hand for TinyNet (stem conv 112 + BN 8; block1 convs 148 + 148
/// and BNs 8 + 8; block2 conv 296 + BN 16; 744 in all) and heads of 27, 36 and 45 parameters.
/// </summary>
public sealed class ParameterReportTests
{
    [Fact]
    public void Mixed_plan_counts_every_copy_exactly()
    {
        using var backbone = new TinyNet();
        var report = Fixtures.Plan().PerTask("stem").Groups("block1", ["birds", "cars"], ["aircraft"]).Describe(backbone);

        report.Layers.Select(l => (l.Path, l.ParametersPerCopy)).Should().Equal(
            ("stem.0", 112L), ("stem.1", 8L), ("block1.conv1", 148L), ("block1.bn1", 8L),
            ("block1.conv2", 148L), ("block1.bn2", 8L), ("block2.0", 296L), ("block2.1", 16L));
        report.Layers.Select(l => l.Copies(3)).Should().Equal(3, 3, 2, 2, 2, 2, 1, 1);
        report.Heads.Should().Equal(new Dictionary<string, long> { ["birds"] = 27, ["cars"] = 36, ["aircraft"] = 45 });
        report.Shared.Should().Be(312);                      // block2
        report.Total.Should().Be(312 + (3 * 120) + (2 * 312) + 108);
        report.Independent.Should().Be((3 * 744) + 108);
        report.BackboneSingleCopy.Should().Be(744);
        report.PerTask["birds"].Should().Be(new Reports.TaskParameters(Used: 744 + 27, Own: 120 + 27, Grouped: 312, Attributed: 147 + 156));
        report.PerTask["aircraft"].Should().Be(new Reports.TaskParameters(Used: 744 + 45, Own: 165, Grouped: 312, Attributed: 165 + 312));
        report.PerGroup.Should().Equal(new Dictionary<string, long> { ["birds+cars"] = 312, ["aircraft"] = 312 });
        report.TaskSpecificShare.Should().BeApproximately(1092.0 / 1404.0, 1e-12);
        report.BytesFloat32.Should().Be(1404 * 4);
    }

    [Fact]
    public void Report_of_the_applied_model_equals_the_planned_one()
    {
        var plan = Fixtures.Plan().PerTask("stem").Groups("block1", ["birds", "cars"], ["aircraft"]);
        using var reference = new TinyNet();
        var planned = plan.Describe(reference);
        using var model = plan.Apply(new TinyNet());
        var applied = model.Report();
        applied.ToCsv().Should().Be(planned.ToCsv());
        applied.Total.Should().Be(model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Report_of_the_applied_model_labels_frozen_layers_frozen()
    {
        var plan = Fixtures.Plan().PerTask("stem").Freeze("block2");
        using var reference = new TinyNet();
        using var model = plan.Apply(new TinyNet());
        var applied = model.Report();
        applied.Layers.Select(l => (l.Path, l.Mode)).Should().Equal(
            ("stem.0", SharingMode.PerTask), ("stem.1", SharingMode.PerTask), ("block1.conv1", SharingMode.Shared), ("block1.bn1", SharingMode.Shared),
            ("block1.conv2", SharingMode.Shared), ("block1.bn2", SharingMode.Shared), ("block2.0", SharingMode.Frozen), ("block2.1", SharingMode.Frozen));
        applied.ToCsv().Should().Be(plan.Describe(reference).ToCsv());
        applied.ToString().Should().Contain("frozen");
    }

    [Theory]
    [InlineData("fully shared", 744 + 108)]
    [InlineData("bottom 1", 744 + (2 * 120) + 108)]
    [InlineData("top 1", 744 + (2 * 312) + 108)]
    [InlineData("norm only", 744 + (2 * 40) + 108)]
    [InlineData("independent", (3 * 744) + 108)]
    [InlineData("tree", 312 + (3 * 120) + (2 * 312) + 108)]
    public void Presets_count_as_worked_out_by_hand(string preset, long total)
    {
        using var backbone = new TinyNet();
        var plan = Preset(preset);
        plan.Describe(backbone).Total.Should().Be(total);
        using var model = plan.Apply(new TinyNet());
        model.parameters().Sum(p => p.numel()).Should().Be(total);
    }

    [Theory]
    [InlineData(0.40, 1, 468.0 / 1092.0)]
    [InlineData(0.70, 2, 1404.0 / 1716.0)]
    [InlineData(0.05, 0, 108.0 / 852.0)]
    [InlineData(1.00, 3, 1.0)]
    public void ForBudget_picks_the_nearest_share(double target, int k, double share)
    {
        using var backbone = new TinyNet();
        var chosen = SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, target, BudgetSide.Bottom);
        chosen.Count.Should().Be(k);
        chosen.Share.Should().BeApproximately(share, 1e-12);
        chosen.TargetShare.Should().Be(target);
        backbone.named_modules().Should().NotContain(m => m.module is Routing.TaskSwitch);
    }

    [Fact]
    public void Describing_a_plan_leaves_the_random_generator_where_it_was()
    {
        using var backbone = new TinyNet();
        manual_seed(21);
        using var expected = randn([4]);
        manual_seed(21);
        SharingPresets.ForBudget(Fixtures.Tasks, Fixtures.Head, backbone, 0.4, BudgetSide.Bottom);
        using var actual = randn([4]);
        actual.data<float>().ToArray().Should().Equal(expected.data<float>().ToArray());
    }

    [Fact]
    public void Renderings_hold_the_same_numbers()
    {
        using var backbone = new TinyNet();
        var report = Fixtures.Plan().PerTask("stem").Describe(backbone);
        report.ToText().Should().Contain("stem.0").And.Contain("per task").And.Contain("1,092");
        report.ToMarkdown().Should().Contain("| stem.0 | Conv2d | per task | 3 | 112 | 336 |");
        report.ToCsv().Should().Contain("layer,stem.0,Conv2d,per task,3,112,336").And.Contain("total,model,,,,,1092");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void Text_is_the_same_in_every_culture(string culture)
    {
        using var backbone = new TinyNet();
        var report = Fixtures.Plan().PerTask("stem").Describe(backbone);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            var text = report.ToText();

            // 1,092 of 3 × 744 + 108 = 2,340 is 46.7 %; the 3 × 120 + 108 = 468 task-specific parameters are 42.86 % of 1,092.
            text.Should().Contain("3 independent models: 2,340 (this model is 46.7 % of that)");
            text.Should().Contain("task-specific share: 42.86 %");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static SharingPlan Preset(string name) => name switch
    {
        "fully shared" => SharingPresets.FullyShared(Fixtures.Tasks, Fixtures.Head),
        "bottom 1" => SharingPresets.BottomSpecific(Fixtures.Tasks, Fixtures.Head, 1),
        "top 1" => SharingPresets.TopSpecific(Fixtures.Tasks, Fixtures.Head, 1),
        "norm only" => SharingPresets.NormOnly(Fixtures.Tasks, Fixtures.Head),
        "independent" => SharingPresets.Independent(Fixtures.Tasks, Fixtures.Head),
        "tree" => SharingPresets.Tree(Fixtures.Tasks, Fixtures.Head, [
            new TaskPartition([["birds"], ["cars"], ["aircraft"]]),
            new TaskPartition([["birds", "cars"], ["aircraft"]]),
            new TaskPartition([Fixtures.Tasks])]),
        _ => throw new ArgumentException(name),
    };
}
