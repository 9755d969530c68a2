using BenchmarkDotNet.Attributes;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// What a sharing layout costs in time: every task's batch through a multi-task model, for
/// inference (evaluation mode, no gradients) and for a training step (forward, the tasks' summed
/// loss, backward and an SGD step), in each routing mode. Which values of <see cref="Tasks"/> and
/// <see cref="BatchPerTask"/> run is chosen by <see cref="SuiteMatrix"/>.
/// </summary>
[MemoryDiagnoser]
public class LayoutSharingBenchmarks
{
    private MultiTaskModel model = null!;
    private TaskBatches batches = null!;
    private optim.Optimizer? optimizer;

    /// <summary>The backbone.</summary>
    [ParamsAllValues(Priority = 1)]
    public SuiteBackbone Backbone { get; set; }

    /// <summary>
    /// The sharing layout's kind; <see cref="SuiteLayouts.For"/> makes the library's
    /// <see cref="Plans.Layout"/> of it for the backbone (e.g. <c>top:3</c> on ResNet-18).
    /// </summary>
    [ParamsAllValues(Priority = 2)]
    public LayoutKind Layout { get; set; }

    /// <summary>The number of tasks, T.</summary>
    [Params(2, 4, 8, Priority = 3)]
    public int Tasks { get; set; } = 2;

    /// <summary>Samples in each task's batch.</summary>
    [Params(8, 32, Priority = 4)]
    public int BatchPerTask { get; set; } = 8;

    /// <summary>How the batches reach the model.</summary>
    [ParamsAllValues(Priority = 5)]
    public RoutingMode Routing { get; set; }

    /// <summary>Builds the model in evaluation mode and the batches.</summary>
    [GlobalSetup(Target = nameof(Inference))]
    public void SetupInference()
    {
        Build();
        model.eval();
    }

    /// <summary>Builds the model in training mode, its optimizer and the batches.</summary>
    [GlobalSetup(Target = nameof(Training))]
    public void SetupTraining()
    {
        Build();
        model.train();
        optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
    }

    /// <summary>Every task's batch forward, without gradients.</summary>
    /// <returns>The number of output rows.</returns>
    [Benchmark]
    public long Inference()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Routing switch
        {
            RoutingMode.PerTaskLoop => batches.Inputs.Sum(b => model.forward(b.Value, b.Key).shape[0]),
            RoutingMode.Dictionary => model.forward(batches.Inputs).Values.Sum(o => o.shape[0]),
            _ => model.forward(batches.MixedInput, batches.MixedTaskIndex).InBatchOrder().shape[0],
        };
    }

    /// <summary>One training step over every task's batch: forward, loss, backward, SGD step.</summary>
    /// <returns>The loss.</returns>
    [Benchmark]
    public float Training()
    {
        using var scope = NewDisposeScope();
        var loss = Routing switch
        {
            RoutingMode.PerTaskLoop => SumOfTaskLosses(batches.Inputs.ToDictionary(b => b.Key, b => model.forward(b.Value, b.Key))),
            RoutingMode.Dictionary => SumOfTaskLosses(model.forward(batches.Inputs)),
            _ => nn.functional.cross_entropy(model.forward(batches.MixedInput, batches.MixedTaskIndex).InBatchOrder(), batches.MixedTargets),
        };
        loss.backward();
        optimizer!.step();
        optimizer.zero_grad();
        return loss.ToSingle();
    }

    /// <summary>Releases the model, the optimizer and the batches.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        optimizer?.Dispose();
        model?.Dispose();
        batches?.Dispose();
    }

    private void Build()
    {
        TorchThreads.Apply();
        model = SuiteModels.Build(Backbone, Layout, Tasks);
        batches = new TaskBatches(model.Tasks, BatchPerTask, SuiteModels.SampleShape, SuiteModels.Classes);
    }

    private Tensor SumOfTaskLosses(Dictionary<string, Tensor> logits) =>
        logits.Select(l => nn.functional.cross_entropy(l.Value, batches.Targets[l.Key])).Aggregate((a, b) => a + b);
}
