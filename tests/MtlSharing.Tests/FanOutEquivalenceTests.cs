using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Selectors;

namespace MtlSharing.Tests;

/// <summary>
/// forward_all gives, for every task, exactly what forward(x, task) gives: on each backbone family
/// (reduced width), under each preset, in evaluation mode, with weights and BatchNorm running
/// statistics that differ per copy.
/// </summary>
public sealed class FanOutEquivalenceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backbone in new[] { "resnet18", "mobilenet_v2", "small_cnn", "mlp" })
        {
            foreach (var plan in new[] { "fully shared", "top 1", "top 2", "bottom 1", "independent", "norm only", "tree", "grouped top", "frozen bottom, top 1" })
            {
                data.Add(backbone, plan);
            }
        }

        data.Add("resnet18", "layer4 per task");
        data.Add("mobilenet_v2", "features per task");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_equal_forward_for_each_task(string backboneName, string planName)
    {
        using var scope = NewDisposeScope();
        manual_seed(21);
        var (backbone, input) = Build(backboneName);
        var features = ((IBackbone)backbone).FeatureCount;
        using var model = Plan(planName, t => nn.Linear(features, 2 + Array.IndexOf(Fixtures.Tasks, t))).Apply(backbone);
        model.FansOut.Should().BeTrue();
        using (no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                parameter.add_(randn_like(parameter), alpha: 0.1);
            }

            foreach (var task in Fixtures.Tasks)
            {
                model.forward(randn_like(input) + Array.IndexOf(Fixtures.Tasks, task), task);
            }
        }

        model.eval();
        Dictionary<string, Tensor> all;
        using (no_grad())
        {
            all = model.forward_all(input);
        }

        all.Keys.Should().Equal(Fixtures.Tasks);
        foreach (var task in Fixtures.Tasks)
        {
            all[task].ShouldBeClose(model.forward(input, task));
        }
    }

    private static (nn.Module<Tensor, Tensor> Backbone, Tensor Input) Build(string name) => name switch
    {
        "resnet18" => (Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Width = 4, Classes = null }), randn([2, 3, 8, 8])),
        "mobilenet_v2" => (Backbone.MobileNetV2(new MobileNetV2Options { Stem = Stem.SmallImage, WidthMultiplier = 0.1, Classes = null }), randn([2, 3, 16, 16])),
        "small_cnn" => (Backbone.SmallCnn(new SmallCnnOptions { Channels = [4, 8, 8], Classes = null }), randn([2, 3, 16, 16])),
        "mlp" => (Backbone.Mlp(new MlpOptions { InputFeatures = 6, Hidden = [8, 8, 8], Classes = null }), randn([4, 6])),
        _ => throw new ArgumentException($"unknown backbone {name}", nameof(name)),
    };

    private static SharingPlan Plan(string name, Func<string, nn.Module<Tensor, Tensor>> heads) => name switch
    {
        "fully shared" => SharingPresets.FullyShared(Fixtures.Tasks, heads),
        "top 1" => SharingPresets.TopSpecific(Fixtures.Tasks, heads, 1),
        "top 2" => SharingPresets.TopSpecific(Fixtures.Tasks, heads, 2),
        "bottom 1" => SharingPresets.BottomSpecific(Fixtures.Tasks, heads, 1),
        "independent" => SharingPresets.Independent(Fixtures.Tasks, heads),
        "norm only" => SharingPresets.NormOnly(Fixtures.Tasks, heads),
        "tree" => SharingPresets.Tree(Fixtures.Tasks, heads, [
            new TaskPartition([Fixtures.Tasks]),
            new TaskPartition([["birds", "cars"], ["aircraft"]]),
            new TaskPartition([["birds"], ["cars"], ["aircraft"]])]),
        "grouped top" => SharingPlan.For(Fixtures.Tasks, heads).Groups(LayerSelector.TopBlocks(2), ["birds"], ["cars", "aircraft"]),
        "frozen bottom, top 1" => SharingPresets.TopSpecific(Fixtures.Tasks, heads, 1).Freeze(LayerSelector.Block(0)),
        "layer4 per task" => SharingPlan.For(Fixtures.Tasks, heads).PerTask("layer4"),
        "features per task" => SharingPlan.For(Fixtures.Tasks, heads).PerTask("features"),
        _ => throw new ArgumentException($"unknown plan {name}", nameof(name)),
    };
}
