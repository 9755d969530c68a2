using BenchmarkDotNet.Attributes;
using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks;

/// <summary>
/// Inference of one batch for every task: <see cref="MultiTaskModel.forward_all"/> of a 4-task
/// model against one forward of a single model (backbone and head). Target: at most 1.2× with a
/// top-specific layout. Expected: about 1 + (T − 1) × the task-specific share of the compute.
/// </summary>
public class FanOutBenchmarks
{
    private static readonly string[] Tasks = ["a", "b", "c", "d"];

    private nn.Module<Tensor, Tensor> single = null!;
    private nn.Module<Tensor, Tensor> singleHead = null!;
    private MultiTaskModel multiTask = null!;
    private Tensor input = null!;

    /// <summary>The layouts measured: fully shared, or the top 1 or 2 blocks per task.</summary>
    public static IEnumerable<Layout> Layouts => [Layout.Shared, Layout.Top(1), Layout.Top(2)];

    /// <summary>The layout of the 4-task model, one of <see cref="Layouts"/> (shown as <c>shared</c>, <c>top:1</c>, <c>top:2</c>).</summary>
    [ParamsSource(nameof(Layouts))]
    public Layout Layout { get; set; } = Layout.Top(1);

    /// <summary>Builds ResNet-18 (small-image stem) models in evaluation mode and one batch of 32 × 3×32×32.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchThreads.Apply();
        manual_seed(0);
        single = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        singleHead = nn.Linear(512, 10);
        var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        multiTask = Layout.ToPlan(Tasks, _ => nn.Linear(512, 10)).Apply(backbone);
        single.eval();
        singleHead.eval();
        multiTask.eval();
        input = randn([32, 3, 32, 32]);
    }

    /// <summary>One model, one task.</summary>
    [Benchmark(Baseline = true)]
    public float SingleModel()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return singleHead.call(single.call(input)).sum().ToSingle();
    }

    /// <summary>The 4-task model, every task, one call.</summary>
    [Benchmark]
    public float ForwardAll()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return multiTask.forward_all(input).Values.Sum(output => output.sum().ToSingle());
    }

    /// <summary>Releases the models.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        single.Dispose();
        singleHead.Dispose();
        multiTask.Dispose();
        input.Dispose();
    }
}
