using MtlSharing.Backbones;
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>Turns a <see cref="Layout"/> into a sharing plan for a given backbone.</summary>
public static class LayoutPlans
{
    /// <summary>
    /// The k of the top- and bottom-specific layouts: a third of the backbone's blocks, so both
    /// backbones give the same fraction of their depth to each task. ResNet-18 with the small-image
    /// stem has 9 blocks (the stem and 8 residual blocks), so k = 3: the stem, layer1.0 and
    /// layer1.1 at the bottom, layer3.1, layer4.0 and layer4.1 at the top. The small CNN has 3
    /// blocks (its stages), so k = 1.
    /// </summary>
    /// <param name="backbone">The backbone.</param>
    /// <returns>The number of task-specific blocks.</returns>
    public static int SpecificBlocks(IBackbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        return Math.Max(1, backbone.Blocks.Count / 3);
    }

    /// <summary>The plan of a layout.</summary>
    /// <param name="layout">The layout.</param>
    /// <param name="backbone">The backbone the plan is for (it decides k).</param>
    /// <param name="tasks">The task names.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <returns>The plan.</returns>
    public static SharingPlan Plan(Layout layout, IBackbone backbone, IReadOnlyList<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) => layout switch
    {
        Layout.FullyShared => SharingPresets.FullyShared(tasks, heads),
        Layout.TopSpecific => SharingPresets.TopSpecific(tasks, heads, SpecificBlocks(backbone)),
        Layout.BottomSpecific => SharingPresets.BottomSpecific(tasks, heads, SpecificBlocks(backbone)),
        Layout.Independent => SharingPresets.Independent(tasks, heads),
        Layout.NormOnly => SharingPresets.NormOnly(tasks, heads),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout; the layouts are " + string.Join(", ", Enum.GetNames<Layout>())),
    };

    /// <summary>The layout's name with its k where it has one, e.g. "BottomSpecific(3)".</summary>
    /// <param name="layout">The layout.</param>
    /// <param name="backbone">The backbone (it decides k).</param>
    /// <returns>The label.</returns>
    public static string Label(Layout layout, IBackbone backbone) =>
        layout is Layout.TopSpecific or Layout.BottomSpecific ? $"{layout}({SpecificBlocks(backbone)})" : layout.ToString();
}
