#region readme-quick-tour
using MtlSharing.Backbones;
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;
#endregion

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>The README's 20-line tour: a plan, its report, the applied model and its three kinds of call.</summary>
public sealed class QuickTourExample
{
    [Fact]
    public void Readme_quick_tour()
    {
        manual_seed(0);
        #region readme-quick-tour
        string[] tasks = ["digits", "fashion", "inverted"];
        var backbone = Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null });

        var plan = SharingPlan.For(tasks, task => nn.Linear(backbone.FeatureCount, 10))
            .PerTask("features.0")                                        // each task its own first stage
            .Groups("features.1", ["digits", "inverted"], ["fashion"]);   // one copy per group of tasks
        Console.WriteLine(plan.Describe(backbone).ToText());               // exact parameter counts; nothing changed yet

        using var model = plan.Apply(backbone);                            // swaps those layers for task switches
        using var scope = torch.NewDisposeScope();                         // frees the tensors made below
        var images = torch.randn([6, 1, 28, 28]);
        var fashion = model.forward(images, "fashion");                    // one task's batch: [6, 10]
        var some = model.forward(new Dictionary<string, Tensor> { ["digits"] = images, ["fashion"] = images });
        using var mixed = model.forward(images, torch.tensor(new long[] { 0, 1, 2, 0, 1, 2 }));  // a task per sample
        using var digitsModel = model.ExtractTask("digits");               // a standalone model of one task
        #endregion

        fashion.shape.Should().Equal(6, 10);
        some.Keys.Should().BeEquivalentTo(["digits", "fashion"]);
        mixed.Logits.Keys.Should().BeEquivalentTo(tasks);
        mixed.Positions["inverted"].Longs().Should().Equal(2, 5);
        model.Switches.Select(s => s.Path).Should().Equal("features.0", "features.1");
        model.Switches[1].BranchNames.Should().Equal("digits+inverted", "fashion");

        model.eval();
        digitsModel.eval();
        using var noGrad = no_grad();
        digitsModel.forward(images).allclose(model.forward(images, "digits"), atol: 1e-6).Should().BeTrue();
    }
}
