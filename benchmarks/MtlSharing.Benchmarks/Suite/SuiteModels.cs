using MtlSharing.Backbones;
using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>Builds the suite's backbones, task names, heads, plans and multi-task models.</summary>
public static class SuiteModels
{
    /// <summary>The classes of every task's head.</summary>
    public const int Classes = 10;

    /// <summary>One sample's shape, the same for both backbones: a 3×32×32 image.</summary>
    public static IReadOnlyList<long> SampleShape { get; } = [3, 32, 32];

    /// <summary>A fresh headless backbone.</summary>
    /// <param name="backbone">Which one.</param>
    /// <returns>The backbone (a module that is also an <see cref="IBackbone"/>; see <see cref="Facts"/>), in training mode.</returns>
    public static nn.Module<Tensor, Tensor> Backbone(SuiteBackbone backbone) => backbone switch
    {
        SuiteBackbone.SmallCnn => Backbones.Backbone.SmallCnn(new SmallCnnOptions { Classes = null }),
        SuiteBackbone.ResNet18 => Backbones.Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null }),
        _ => throw new ArgumentOutOfRangeException(nameof(backbone), backbone, "unknown backbone; the backbones are " + string.Join(", ", Enum.GetNames<SuiteBackbone>())),
    };

    /// <summary>The block map, feature width and title of a backbone that <see cref="Backbone(SuiteBackbone)"/> built.</summary>
    /// <param name="backbone">The module.</param>
    /// <returns>The same object as an <see cref="IBackbone"/>.</returns>
    /// <exception cref="ArgumentException">The module is not one of the library's backbones.</exception>
    public static IBackbone Facts(nn.Module<Tensor, Tensor> backbone) =>
        backbone as IBackbone ?? throw new ArgumentException($"{backbone?.GetType().Name ?? "null"} is not an IBackbone of MtlSharing.Backbones", nameof(backbone));

    /// <summary>The task names task0 … task(T−1).</summary>
    /// <param name="count">T.</param>
    /// <returns>The names.</returns>
    public static IReadOnlyList<string> TaskNames(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Enumerable.Range(0, count).Select(t => $"task{t}")];
    }

    /// <summary>The plan of a layout for T tasks, each with a linear head of <see cref="Classes"/> outputs.</summary>
    /// <param name="layout">The layout.</param>
    /// <param name="backbone">The backbone the plan is for (it decides the heads' input width).</param>
    /// <param name="taskCount">T.</param>
    /// <returns>The plan, <see cref="Layout.ToPlan"/>'s.</returns>
    public static SharingPlan Plan(Layout layout, nn.Module<Tensor, Tensor> backbone, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var features = Facts(backbone).FeatureCount;
        return layout.ToPlan(TaskNames(taskCount), _ => nn.Linear(features, Classes));
    }

    /// <summary>A multi-task model of a fresh backbone, seeded so every run builds the same weights.</summary>
    /// <param name="backbone">Which backbone.</param>
    /// <param name="kind">The layout's kind; <see cref="SuiteLayouts.For"/> makes the layout for the backbone.</param>
    /// <param name="taskCount">T.</param>
    /// <returns>The model, in training mode.</returns>
    public static MultiTaskModel Build(SuiteBackbone backbone, LayoutKind kind, int taskCount)
    {
        manual_seed(0);
        var module = Backbone(backbone);
        try
        {
            return Plan(SuiteLayouts.For(kind, Facts(module)), module, taskCount).Apply(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }
}
