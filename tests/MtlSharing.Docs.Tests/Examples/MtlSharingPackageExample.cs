#region package-mtlsharing
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;
#endregion
using MtlSharing.Backbones;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>src/MtlSharing/README.md: a plan over a backbone, its exact parameter count, and a call of the applied model.</summary>
public sealed class MtlSharingPackageExample
{
    [Fact]
    public void A_plan_its_report_and_the_applied_model()
    {
        manual_seed(0);
        using var scope = NewDisposeScope();
        var images = randn([4, 3, 32, 32]);
        #region package-mtlsharing
        var classes = new Dictionary<string, int> { ["birds"] = 10, ["cars"] = 5, ["aircraft"] = 3 };
        var plan = SharingPlan.For(classes.Keys, task => nn.Linear(64, classes[task]))
            .PerTask("features.0")                                  // each task its own first layer
            .Groups("features.1", ["birds", "aircraft"], ["cars"]); // two groups share the second

        Console.WriteLine(plan.Describe(MyBackbone()).ToText());    // exact parameter counts, nothing changed
        using var model = plan.Apply(MyBackbone());
        var logits = model.forward(images, "birds");                // or a dictionary of task batches
        #endregion

        logits.shape.Should().Equal(4, 10);
        model.forward(images, "cars").shape.Should().Equal(4, 5);
        model.Switches.Select(s => s.Path).Should().Equal("features.0", "features.1");
        model.Switches[1].BranchNames.Should().Equal("birds+aircraft", "cars");

        // By hand: features.0 = conv 3·32·3·3 = 864 + BatchNorm 2·32 = 64 → 928, one copy per task;
        // features.1 = conv 32·64·3·3 = 18,432 + BatchNorm 128 → 18,560, one copy per group;
        // heads = 64·c + c for c = 10, 5, 3 → 650 + 325 + 195.
        const long expected = (3 * 928) + (2 * 18_560) + 650 + 325 + 195;
        using var described = MyBackbone();
        var keys = described.state_dict().Keys.ToList();
        plan.Describe(described).Total.Should().Be(expected);
        described.state_dict().Keys.Should().Equal(keys, "describing a plan leaves the backbone as it was");
        model.parameters().Sum(p => p.numel()).Should().Be(expected);
    }

    /// <summary>Stands for the reader's own backbone: two stages, features.0 and features.1, then 64 pooled features.</summary>
    private static SmallCnn MyBackbone() => Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 3, Channels = [32, 64], Classes = null });
}
