using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Builds the compared model: a headless ResNet-18 with the stem and image size of the options
/// (the small-image stem at 32×32 by default, or torchvision's standard stem), made multi-task by
/// a SharingPlan preset, with one Linear(512, classes) head per task. Mirrored by MultiTaskResNet in
/// pytorch_side.py, and by <see cref="HandWrittenResNet"/> for the hand-written TorchSharp side.
/// </summary>
internal static class ComparisonModel
{
    public static long[] ImageShape(CompareOptions options) => [options.Batch, 3, options.ImageSize, options.ImageSize];

    public static IReadOnlyList<string> TaskNames(int count) =>
        Enumerable.Range(0, count).Select(i => $"task{i}").ToList();

    /// <summary>The backbone with the options' stem, built from seed 0.</summary>
    public static ResNet Backbone(CompareOptions options)
    {
        manual_seed(0);
        return Backbones.Backbone.ResNet18(new ResNetOptions { Stem = options.Stem, Classes = null });
    }

    /// <summary>The number of blocks the backbone publishes, which bounds k in bottom:k and top:k.</summary>
    public static int BlockCount(CompareOptions options)
    {
        using var backbone = Backbone(options);
        return backbone.Blocks.Count;
    }

    /// <summary>The multi-task model of a layout, and its multiply-adds per image.</summary>
    public static (MultiTaskModel Model, ModelCosts Costs) Build(Layout layout, CompareOptions options, bool concatenateTaskBatches)
    {
        var backbone = Backbone(options);
        var costs = new ModelCosts(backbone.Costs(3, options.ImageSize, options.ImageSize), backbone.FeatureCount * options.Classes);
        var plan = layout.Plan(TaskNames(options.Tasks), _ => nn.Linear(backbone.FeatureCount, options.Classes))
            .With(new SharingPlanOptions { ConcatenateTaskBatches = concatenateTaskBatches });
        var model = plan.Apply(backbone).InMemoryFormat(options.Format);
        return (model, costs);
    }

    /// <summary>A batch of standard-normal images in the run's memory format.</summary>
    public static Tensor Images(CompareOptions options)
    {
        using var images = randn(ImageShape(options));
        return images.InMemoryFormat(options.Format);
    }

    /// <summary>One task's plain network: the backbone and one head, without any sharing machinery.</summary>
    public static nn.Module<Tensor, Tensor> SingleTaskNetwork(CompareOptions options)
    {
        var backbone = Backbone(options);
        return nn.Sequential(backbone, nn.Linear(backbone.FeatureCount, options.Classes)).InMemoryFormat(options.Format);
    }

    /// <summary>All parameters of a module, each counted once.</summary>
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(p => p.numel());
}
