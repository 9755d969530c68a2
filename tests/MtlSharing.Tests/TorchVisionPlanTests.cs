using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>A plan wraps TorchVision's ResNet-18 as TorchVision builds it.</summary>
public sealed class TorchVisionPlanTests
{
    [Fact]
    public void A_per_task_stage_of_an_unmodified_TorchVision_ResNet_routes_and_counts_exactly()
    {
        string[] tasks = ["a", "b", "c"];
        using var resnet = torchvision.models.resnet18(num_classes: 10);

        // layer1 is two BasicBlocks of two 3×3 64→64 convolutions and two BatchNorms each:
        // 2 × (2 × 36,864 + 2 × 128) = 147,968 parameters. The network without fc has 11,176,512,
        // fc = Linear(512, 10) 5,130, so 11,181,642 in all. Heads: Linear(10, 2) = 22 each.
        using var model = SharingPlan.For(tasks, _ => nn.Linear(10, 2)).PerTask("layer1").Apply(resnet);
        var report = model.Report();

        report.Shared.Should().Be(11_181_642 - 147_968);
        report.Total.Should().Be(11_181_642 + (2 * 147_968) + (3 * 22));
        model.Switches.Select(s => s.Path).Should().Equal("layer1.0", "layer1.1");
        model.state_dict().Keys.Should().Contain(["backbone.layer1.0.tasks.b.conv1.weight", "backbone.conv1.weight", "heads.c.weight"]);

        model.eval();
        using var input = randn(2, 3, 32, 32);
        using var a = model.forward(input, "a");
        using var mixed = model.forward(input, tensor(new long[] { 0, 0 }));
        a.shape.Should().Equal(2, 2);
        using var ordered = mixed.InBatchOrder();
        ordered.ShouldBeClose(a);
    }
}
