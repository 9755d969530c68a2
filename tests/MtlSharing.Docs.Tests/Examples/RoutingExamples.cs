using MtlSharing.Backbones;
using MtlSharing.Modules;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/routing.md: the three kinds of call, and what batching does to a shared BatchNorm.</summary>
public sealed class RoutingExamples
{
    private static readonly string[] Tasks = ["digits", "fashion"];

    [Fact]
    public void Three_ways_to_call_the_model()
    {
        using var model = Model(SharingPresets.BottomSpecific(Tasks, Head, k: 1));
        #region routing-calls
        using var scope = torch.NewDisposeScope();
        var a = torch.randn([4, 1, 28, 28]);
        var b = torch.randn([6, 1, 28, 28]);

        var logits = model.forward(a, "digits");                          // one task's batch
        var byTask = model.forward(new Dictionary<string, Tensor> { ["digits"] = a, ["fashion"] = b });
        var taskIndex = torch.tensor(new long[] { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1 });  // ordinals into model.Tasks
        using var mixed = model.forward(torch.cat([a, b]), taskIndex);    // a task per sample
        var fashionLogits = mixed.Logits["fashion"];                      // its samples' outputs, in batch order
        var fashionPositions = mixed.Positions["fashion"];                // where they sit in the batch: 4 … 9
        var all = mixed.InBatchOrder();                                   // [10, 10]: every head has 10 outputs
        #endregion

        logits.shape.Should().Equal(4, 10);
        byTask["fashion"].shape.Should().Equal(6, 10);
        fashionPositions.Longs().Should().Equal(4, 5, 6, 7, 8, 9);
        all.shape.Should().Equal(10, 10);
        fashionLogits.allclose(all.narrow(0, 4, 6)).Should().BeTrue();
    }

    [Fact]
    public void In_eval_mode_every_call_gives_the_same_outputs()
    {
        using var model = Model(SharingPresets.FullyShared(Tasks, Head));
        using var scope = NewDisposeScope();
        var (a, b) = (randn([4, 1, 28, 28]), randn([6, 1, 28, 28]));
        model.eval();
        var together = model.forward(new Dictionary<string, Tensor> { ["digits"] = a, ["fashion"] = b });
        together["digits"].allclose(model.forward(a, "digits"), atol: 1e-6).Should().BeTrue();
        together["fashion"].allclose(model.forward(b, "fashion"), atol: 1e-6).Should().BeTrue();
    }

    [Fact]
    public void In_training_a_shared_BatchNorm_sees_the_concatenated_batch_once()
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn([4, 1, 28, 28]) + 1, randn([6, 1, 28, 28]) - 1);
        using var batched = Model(SharingPresets.FullyShared(Tasks, Head));
        var together = batched.forward(new Dictionary<string, Tensor> { ["digits"] = a, ["fashion"] = b });

        // The first BatchNorm normalises the first convolution's output; its running mean moves once,
        // by momentum 0.1 from zero, towards the mean over all ten samples.
        var conv = batched.Backbone.GetSubmodule("features.0.0");
        var convA = ((nn.Module<Tensor, Tensor>)conv).call(a).mean([0, 2, 3]);
        var convB = ((nn.Module<Tensor, Tensor>)conv).call(b).mean([0, 2, 3]);
        var bn = (BatchNorm2d)batched.Backbone.GetSubmodule("features.0.1");
        bn.running_mean!.allclose(((convA * 4 + convB * 6) / 10) * 0.1, atol: 1e-6).Should().BeTrue();

        // One task at a time (the loop mode): two updates, each with one task's statistics.
        using var looped = Model(SharingPresets.FullyShared(Tasks, Head).With(new SharingPlanOptions { ConcatenateTaskBatches = false }));
        var separate = looped.forward(new Dictionary<string, Tensor> { ["digits"] = a, ["fashion"] = b });
        var loopBn = (BatchNorm2d)looped.Backbone.GetSubmodule("features.0.1");
        loopBn.running_mean!.allclose(convA * 0.1 * 0.9 + convB * 0.1, atol: 1e-6).Should().BeTrue();
        separate["digits"].allclose(looped.forward(a, "digits"), atol: 1e-6).Should().BeTrue();

        // In training mode the outputs of the two differ, since the batch statistics differ.
        together["digits"].allclose(separate["digits"], atol: 1e-3).Should().BeFalse();
    }

    [Fact]
    public void Per_task_BatchNorm_keeps_per_task_statistics_when_batched()
    {
        using var scope = NewDisposeScope();
        var (a, b) = (randn([4, 1, 28, 28]) + 1, randn([6, 1, 28, 28]) - 1);
        var backbone = Backbone();
        #region routing-norm-only
        using var model = SharingPresets.NormOnly(["digits", "fashion"], _ => nn.Linear(16, 10)).Apply(backbone);  // a BatchNorm per task
        var together = model.forward(new Dictionary<string, Tensor> { ["digits"] = a, ["fashion"] = b });
        #endregion
        model.training.Should().BeTrue();
        together["digits"].allclose(model.forward(a, "digits"), atol: 1e-5).Should().BeTrue();
        together["fashion"].allclose(model.forward(b, "fashion"), atol: 1e-5).Should().BeTrue();
    }

    [Fact]
    public void Turning_concatenation_off()
    {
        var plan = SharingPresets.FullyShared(Tasks, Head);
        #region routing-loop-mode
        var oneByOne = plan.With(plan.Options with { ConcatenateTaskBatches = false });
        #endregion
        oneByOne.Options.ConcatenateTaskBatches.Should().BeFalse();
        plan.Options.ConcatenateTaskBatches.Should().BeTrue();
    }

    private static nn.Module<Tensor, Tensor> Head(string task) => nn.Linear(16, 10);

    private static SmallCnn Backbone()
    {
        manual_seed(1);
        return MtlSharing.Backbones.Backbone.SmallCnn(new SmallCnnOptions { InputChannels = 1, Channels = [8, 16], Classes = null });
    }

    private static MultiTaskModel Model(SharingPlan plan) => plan.Apply(Backbone());
}
