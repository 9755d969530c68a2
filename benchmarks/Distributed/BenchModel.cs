using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using static TorchSharp.torch;

namespace MtlSharing.DistributedBench;

/// <summary>
/// The benchmarked network: ResNet-18 with the small-image stem (3×3 stride-1 conv1, no max-pool)
/// for 32×32 inputs, made multi-task by the layout's preset with one Linear(512, classes) head per
/// task, as in benchmarks/compare. Built from the same seed on every rank (rank 0's parameters are
/// broadcast at the start anyway).
/// </summary>
internal static class BenchModel
{
    public static MultiTaskModel Build(Layout layout, BenchOptions options)
    {
        manual_seed(0);
        var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        return layout.ToPlan(options.TaskNames, _ => nn.Linear(backbone.FeatureCount, options.Classes)).Apply(backbone);
    }
}
