using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing.Tests;

/// <summary>The quick mode's arms on its own backbone (a width-8 ResNet-18 with four tasks).</summary>
public sealed class ArmPlanTests
{
    private static readonly string[] Tasks = DomainTasks.Names[..4];

    [Theory]
    [InlineData(false, 0.02)]
    [InlineData(true, 0.02)]
    [InlineData(false, 0.50)]
    [InlineData(true, 0.50)]
    public void The_quick_modes_budgets_are_matched_on_both_sides(bool top, double target)
    {
        using var backbone = StudyModels.Create("resnet18", 8);

        var chosen = Plan(new Arm(top ? ArmKind.Top : ArmKind.Bottom, BudgetPoint.Share(target), NormRegime.AsLayout), backbone);

        chosen.Skipped.Should().BeNull();
        chosen.Budget!.IsMatched.Should().BeTrue(chosen.Budget.ToString());
        chosen.Plan!.Describe(backbone).TaskSpecificShare.Should().Be(chosen.Budget.Share);
    }

    [Fact]
    public void A_side_that_cannot_reach_the_budget_is_not_run_and_says_why()
    {
        using var backbone = StudyModels.Create("resnet18", 8);

        var chosen = Plan(new Arm(ArmKind.Top, BudgetPoint.Share(0.10), NormRegime.AsLayout), backbone);

        chosen.Plan.Should().BeNull();
        chosen.Skipped.Should().StartWith("top@10%: not run, the nearest top 1 layers: ").And.Contain("NOT matched");
    }

    [Fact]
    public void At_a_top_anchor_the_bottom_is_matched_to_the_tops_share()
    {
        using var backbone = StudyModels.Create("resnet18", 8);
        var point = BudgetPoint.AtTopLayers(2);

        var top = Plan(new Arm(ArmKind.Top, point, NormRegime.AsLayout), backbone);
        var bottom = Plan(new Arm(ArmKind.Bottom, point, NormRegime.AsLayout), backbone);

        top.Budget!.Count.Should().Be(2);
        top.Plan!.Describe(backbone).TaskSpecificShare.Should().Be(top.Budget.Share);
        bottom.Budget!.TargetShare.Should().Be(top.Budget.Share);
        bottom.Budget.IsMatched.Should().BeTrue(bottom.Budget.ToString());
    }

    [Fact]
    public void Per_task_BatchNorm_is_part_of_every_plan_and_of_its_share()
    {
        using var backbone = StudyModels.Create("resnet18", 8);

        var asLayout = Plan(new Arm(ArmKind.Bottom, BudgetPoint.AtTopLayers(2), NormRegime.AsLayout), backbone);
        var perTask = Plan(new Arm(ArmKind.Bottom, BudgetPoint.AtTopLayers(2), NormRegime.PerTask), backbone);
        var shared = Plan(new Arm(ArmKind.Shared, null, NormRegime.PerTask), backbone);
        var smallPerTask = Plan(new Arm(ArmKind.Bottom, BudgetPoint.Share(0.02), NormRegime.PerTask), backbone);

        perTask.Plan!.Options.PerTaskBatchNorm.Should().BeTrue();
        asLayout.Plan!.Options.PerTaskBatchNorm.Should().BeFalse();
        perTask.Budget!.Share.Should().BeGreaterThan(asLayout.Budget!.Share, "the top's share, to which the bottom is matched, counts its per-task BatchNorm too");
        smallPerTask.Plan.Should().BeNull("per-task BatchNorm alone is about 4% of this model, more than a 2% budget");
        smallPerTask.Skipped.Should().Contain("bottom 0 layers");
        shared.Plan!.Describe(backbone).Total.Should().Be(Plan(new Arm(ArmKind.NormOnly, null, NormRegime.AsLayout), backbone).Plan!.Describe(backbone).Total);
    }

    [Fact]
    public void Runs_of_one_seed_start_from_the_same_shared_weights_in_every_arm()
    {
        Tensor Weight(Arm arm, string name)
        {
            manual_seed(7);
            var backbone = StudyModels.Create("resnet18", 8);
            var features = StudyModels.FeatureCount(backbone);
            using var model = ArmPlan.For(arm, Tasks, _ => StudyModels.Head(features), backbone).Plan!.Apply(backbone);
            return model.state_dict()[name].detach().clone();
        }

        using var shared = Weight(new Arm(ArmKind.Shared, null, NormRegime.AsLayout), "backbone.layer3.0.conv1.weight");
        using var inBottom = Weight(new Arm(ArmKind.Bottom, BudgetPoint.Share(0.02), NormRegime.AsLayout), "backbone.layer3.0.conv1.weight");
        using var sharedHead = Weight(new Arm(ArmKind.Shared, null, NormRegime.AsLayout), "heads.digits.weight");
        using var independentHead = Weight(new Arm(ArmKind.Independent, null, NormRegime.AsLayout), "heads.digits.weight");

        inBottom.allclose(shared, rtol: 0, atol: 0).Should().BeTrue("the same seed builds the same backbone whatever the arm");
        independentHead.allclose(sharedHead, rtol: 0, atol: 0).Should().BeTrue("and the same heads");
    }

    private static ArmPlan Plan(Arm arm, nn.Module<Tensor, Tensor> backbone)
    {
        var features = StudyModels.FeatureCount(backbone);
        return ArmPlan.For(arm, Tasks, _ => StudyModels.Head(features), backbone);
    }
}
