using MtlSharing.Backbones;
using MtlSharing.Plans;

namespace MtlSharing.Backbones.Tests;

/// <summary>A sharing plan puts task switches into the TorchVision-based backbones, and the block chain lets a multi-task model fan out.</summary>
public sealed class PlanTests
{
    [Theory]
    [InlineData("resnet18_w2_small_headless", "layer1.0", 16)]
    [InlineData("mobilenet_v3_large_small", "features.2", 32)]
    public void Per_task_blocks_fan_out_to_what_each_task_computes_alone(string variant, string block, long side)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var backbone = Fixture.Build(variant);
        var features = ((IBackbone)backbone).Classes is null ? ((IBackbone)backbone).FeatureCount : ((IBackbone)backbone).Classes!.Value;
        var parameters = backbone.parameters().Sum(p => p.numel());
        var blockParameters = backbone.GetSubmodule(block).parameters().Sum(p => p.numel());
        blockParameters.Should().BeGreaterThan(0);

        using var model = SharingPlan.For(["a", "b"], _ => nn.Linear(features, 2)).PerTask(block).Apply(backbone);
        model.eval();

        // One more copy of the block, and a head per task.
        model.Report().Total.Should().Be(parameters + blockParameters + (2 * ((features * 2) + 2)));
        model.Switches.Select(s => s.Path).Should().Equal(block);

        // The copies start equal; make task b's differ so that routing matters.
        using (no_grad())
        {
            foreach (var p in model.TaskParameters("b"))
            {
                p.add_(0.5);
            }
        }

        model.FansOut.Should().BeTrue();
        var input = randn([2, 3, side, side]);
        using (no_grad())
        {
            var all = model.forward_all(input);
            var a = model.forward(input, "a");
            var b = model.forward(input, "b");
            (all["a"] - a).abs().max().item<float>().Should().BeLessThan(1e-5f);
            (all["b"] - b).abs().max().item<float>().Should().BeLessThan(1e-5f);
            (a - b).abs().max().item<float>().Should().BeGreaterThan(1e-3f);
        }
    }
}
