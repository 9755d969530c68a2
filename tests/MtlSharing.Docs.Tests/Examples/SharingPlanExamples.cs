using MtlSharing.Backbones;
using MtlSharing.Modules;
using MtlSharing.Plans;
using MtlSharing.Selectors;
using MtlSharing.Training.Serialization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/sharing-plans.md: rules and selectors, presets, validation, and the applied model.</summary>
public sealed class SharingPlanExamples
{
    private static readonly string[] Tasks = ["birds", "cars", "aircraft"];

    [Fact]
    public void Rules_and_selectors()
    {
        string[] tasks = Tasks;
        using var backbone = SmallResNet();
        #region plan-rules
        var plan = SharingPlan.For(tasks, task => nn.Linear(backbone.FeatureCount, 10))
            .PerTask(LayerSelector.Path("conv1"))                                // exactly this module
            .PerTask("layer1")                                                   // a path covers everything under it: layer1.0, layer1.1
            .Groups(LayerSelector.Blocks(3, 4), ["birds", "cars"], ["aircraft"]) // blocks 3 and 4: layer2.0, layer2.1
            .Freeze("layer4.1.bn?")                                              // a glob: '*' and '?'
            .With(new SharingPlanOptions { CopyInitialisation = CopyInitialisation.Fresh });
        #endregion

        using var model = plan.Apply(backbone);
        model.Switches.Select(s => s.Path).Should().Equal("conv1", "layer1.0", "layer1.1", "layer2.0", "layer2.1");
        model.Switches[3].BranchNames.Should().Equal("birds+cars", "aircraft");
        model.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name)
            .Should().BeEquivalentTo(["backbone.layer4.1.bn1.weight", "backbone.layer4.1.bn1.bias", "backbone.layer4.1.bn2.weight", "backbone.layer4.1.bn2.bias"]);

        // Freezing turns gradients off only: in training mode a frozen BatchNorm still updates its running statistics.
        using var scope = NewDisposeScope();
        var frozenNorm = (TorchSharp.Modules.BatchNorm)model.Backbone.GetSubmodule("layer4.1.bn1");
        var before = frozenNorm.running_mean!.clone();
        model.train();
        model.forward(randn([4, 3, 32, 32]), "cars");
        frozenNorm.running_mean!.SameAs(before).Should().BeFalse();
    }

    [Fact]
    public void Presets()
    {
        string[] tasks = Tasks;
        using var backbone = SmallResNet();
        #region plan-presets
        Func<string, nn.Module<Tensor, Tensor>> head = _ => nn.Linear(backbone.FeatureCount, 10);
        var shared = SharingPresets.FullyShared(tasks, head);              // heads only
        var independent = SharingPresets.Independent(tasks, head);         // every layer per task
        var top = SharingPresets.TopSpecific(tasks, head, k: 2);           // the last 2 blocks per task
        var bottom = SharingPresets.BottomSpecific(tasks, head, k: 2);     // the first 2 blocks per task
        var patch = SharingPresets.NormOnly(tasks, head);                  // per-task BatchNorm only
        var tree = SharingPresets.Tree(tasks, head,
        [
            new TaskPartition([["birds", "cars", "aircraft"]]),            // block 0: shared
            new TaskPartition([["birds", "cars"], ["aircraft"]]),          // block 1: two groups
            new TaskPartition([["birds"], ["cars"], ["aircraft"]]),        // block 2: per task
        ]);                                                                // later blocks: shared
        var budget = SharingPresets.ForBudget(tasks, head, backbone, targetShare: 0.10, BudgetSide.Bottom);
        Console.WriteLine($"k = {budget.Count}, task-specific share {budget.Share:P1}");
        #endregion

        double Share(SharingPlan plan) => plan.Describe(backbone).TaskSpecificShare;
        Share(shared).Should().BeLessThan(Share(patch));
        Share(patch).Should().BeLessThan(Share(bottom));
        Share(bottom).Should().BeLessThan(Share(top));
        Share(top).Should().BeLessThan(Share(independent));
        Share(budget.Plan).Should().Be(budget.Share);
        for (var k = 0; k <= backbone.Blocks.Count; k++)
        {
            var other = Math.Abs(Share(SharingPresets.BottomSpecific(tasks, head, k)) - 0.10);
            Math.Abs(budget.Share - 0.10).Should().BeLessThanOrEqualTo(other, $"ForBudget picks the nearest k, and k = {k} is a candidate");
        }

        using var treeModel = tree.Apply(backbone);
        treeModel.Switches.Select(s => (s.Path, s.Mode.ToString()))
            .Should().Equal(("layer1.0", "groups {birds, cars} {aircraft}"), ("layer1.1", "per task"));
    }

    [Fact]
    public void Budgets_matched_at_layer_granularity()
    {
        string[] tasks = Tasks;
        using var backbone = SmallResNet();
        Func<string, nn.Module<Tensor, Tensor>> head = _ => nn.Linear(backbone.FeatureCount, 10);
        #region plan-matched-budget
        var both = SharingPresets.ForMatchedBudget(tasks, head, backbone, targetShare: 0.10);
        Console.WriteLine(both.Bottom);
        Console.WriteLine(both.Top);
        #endregion

        var page = Checks.Repository.Read("docs/sharing-plans.md");
        page.Should().Contain(both.Bottom.ToString()).And.Contain(both.Top.ToString(), "the page shows what this prints");
        both.Bottom.IsMatched.Should().BeTrue();
        both.Top.IsMatched.Should().BeFalse("the last convolution alone holds about a fifth of a ResNet-18, so no top-specific share lies near 10 %");
    }

    [Fact]
    public void A_bad_plan_is_refused_whole()
    {
        string[] tasks = Tasks;
        using var backbone = SmallResNet();
        var before = backbone.state_dict().Keys.ToList();
        #region plan-validation
        try
        {
            SharingPlan.For(tasks, _ => nn.Linear(backbone.FeatureCount, 10))
                .PerTask("layer5")
                .Groups("layer1", ["birds"], ["cars"])
                .Apply(backbone);
        }
        catch (ArgumentException e)
        {
            Console.WriteLine(e.Message);   // every problem at once; the backbone is unchanged
        }
        #endregion

        var message = FluentActions.Invoking(() => SharingPlan.For(tasks, _ => nn.Linear(backbone.FeatureCount, 10)).PerTask("layer5").Groups("layer1", ["birds"], ["cars"]).Apply(backbone))
            .Should().Throw<ArgumentException>().Which.Message;
        message.Should().Contain("layer5").And.Contain("aircraft");
        backbone.state_dict().Keys.Should().Equal(before);
        var page = Checks.Repository.Read("docs/sharing-plans.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        page.Should().Contain(message.Replace("\r\n", "\n", StringComparison.Ordinal), "the page quotes the message as it is");
    }

    [Fact]
    public void The_applied_model()
    {
        string[] tasks = Tasks;
        var backbone = SmallResNet();
        var file = Path.Combine(Path.GetTempPath(), $"mtlsharing-docs-{Guid.NewGuid():N}.pt");
        try
        {
            #region plan-applied-model
            using var model = SharingPresets.BottomSpecific(tasks, _ => nn.Linear(backbone.FeatureCount, 10), k: 1).Apply(backbone);
            using var scope = torch.NewDisposeScope();
            var keys = model.state_dict().Keys;          // backbone.conv1.tasks.birds.weight, …, backbone.layer1.0.conv1.weight, …, heads.birds.weight, …
            model.AddTask("ships", initialiseFrom: "cars");   // copies of the cars task's layers, a new head
            using var ships = model.ExtractTask("ships");     // shared layers + ships' copies + its head, as one module
            ships.save_py(file);                              // PyTorch's format (TorchSharp.PyBridge): torch.load opens it in Python
            #endregion

            keys.Should().Contain(["backbone.conv1.tasks.birds.weight", "backbone.bn1.tasks.aircraft.running_mean", "backbone.layer1.0.conv1.weight", "heads.birds.weight"]);
            model.Tasks.Should().Equal("birds", "cars", "aircraft", "ships");
            model.Switches[0].BranchFor("ships").state_dict()["weight"].SameAs(model.Switches[0].BranchFor("cars").state_dict()["weight"]).Should().BeTrue();
            var saved = TorchFiles.Load(file);
            saved.Keys.Should().BeEquivalentTo(ships.state_dict().Keys);
            saved.Keys.Should().Contain(["backbone.conv1.weight", "backbone.layer1.0.conv1.weight", "head.weight"]);
            saved["backbone.conv1.weight"].SameAs(model.Switches[0].BranchFor("ships").state_dict()["weight"]).Should().BeTrue();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Plans_as_JSON()
    {
        using var folder = new ScratchDirectory();
        string[] tasks = Tasks;
        Func<string, nn.Module<Tensor, Tensor>> head = _ => nn.Linear(64, 10);
        #region plan-json
        var plan = SharingPresets.BottomSpecific(tasks, head, k: 2)
            .Groups("layer4", ["birds", "cars"], ["aircraft"]);
        File.WriteAllText("plan.json", plan.ToJson());                  // tasks, rules and options; the heads are code
        var read = SharingPlan.FromJson(File.ReadAllText("plan.json"), head);
        var other = SharingPresets.TopSpecific(tasks, head, k: 2);
        Console.WriteLine(other.DifferenceFrom(File.ReadAllText("plan.json")) ?? "the same plan");
        #endregion

        read.ToJson().Should().Be(plan.ToJson());
        read.Tasks.Should().Equal(tasks);
        read.Rules.Select(r => r.ToString()).Should().Equal(plan.Rules.Select(r => r.ToString()));
        read.DifferenceFrom(File.ReadAllText("plan.json")).Should().BeNull();
        using var backbone = SmallResNet();
        using var fromFile = read.Apply(backbone);
        fromFile.Switches.Select(s => s.Path).Should().Equal("conv1", "bn1", "relu", "layer1.0", "layer4.0", "layer4.1");
        fromFile.Switches[^1].BranchNames.Should().Equal("birds+cars", "aircraft");

        var page = Checks.Repository.Read("docs/sharing-plans.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        page.Should().Contain(plan.ToJson().Replace("\r\n", "\n", StringComparison.Ordinal), "the page shows this very JSON");
        page.Should().Contain(other.DifferenceFrom(plan.ToJson()), "the page quotes the difference as it is");
    }

    [Fact]
    public void Layouts_by_name()
    {
        string[] tasks = Tasks;
        Func<string, nn.Module<Tensor, Tensor>> head = _ => nn.Linear(64, 10);
        #region plan-layout
        var layout = Layout.Parse("bottom:3");                 // shared, independent, norm-only, bottom:k or top:k
        SharingPlan plan = layout.ToPlan(tasks, head);         // the same plan as SharingPresets.BottomSpecific(tasks, head, 3)
        Console.WriteLine($"{layout}: {plan}");
        #endregion

        layout.Kind.Should().Be(LayoutKind.Bottom);
        layout.Blocks.Should().Be(3);
        layout.ToString().Should().Be("bottom:3");
        plan.ToJson().Should().Be(SharingPresets.BottomSpecific(tasks, head, 3).ToJson());
        Layout.Parse("TOP:2").Should().Be(Layout.Top(2));
        Layout.Parse("norm-only").ToPlan(tasks, head).ToJson().Should().Be(SharingPresets.NormOnly(tasks, head).ToJson());
        FluentActions.Invoking(() => Layout.Parse("bottom")).Should().Throw<FormatException>().WithMessage("unknown layout 'bottom'; expected shared, independent, norm-only, bottom:k or top:k*");
    }

    /// <summary>ResNet-18 with the small-image stem at width 8, headless: blocks conv1/bn1/relu, layer1.0 … layer4.1.</summary>
    internal static ResNet SmallResNet() => Backbone.ResNet18(new ResNetOptions { Width = 8, Stem = Stem.SmallImage, Classes = null });
}
