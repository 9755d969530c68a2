using MtlSharing.Backbones;
using MtlSharing.Plans;
using TorchSharp;

namespace MtlSharing.CostModel;

/// <summary>
/// A layout's exact parameter counts on ResNet-18 with Linear(512, 10) heads, read from
/// <see cref="SharingPlan.Describe"/>: the parameters every task shares and those each task owns
/// (its copies of the task-specific blocks and its head).
/// </summary>
/// <param name="Layout">The layout.</param>
/// <param name="OwnBlocks">The task-specific blocks, e.g. "stem – layer1.1", or "head only".</param>
/// <param name="Shared">Parameters in shared layers, one copy.</param>
/// <param name="PerTask">Parameters one task owns, head included.</param>
internal sealed record LayoutCounts(Layout Layout, string OwnBlocks, long Shared, long PerTask)
{
    /// <summary>The classes of each task's head, as in the benchmarks.</summary>
    public const int Classes = 10;

    /// <summary>
    /// Counts shared, bottom:k and top:k for k = 1 … blocks − 1 (k = 0 is shared, k = blocks is
    /// independent) and independent, for T tasks, with the library.
    /// </summary>
    /// <param name="tasks">T.</param>
    /// <returns>One row per layout: shared, bottom:1 …, top:1 …, independent.</returns>
    public static IReadOnlyList<LayoutCounts> EveryLayout(int tasks)
    {
        var names = Enumerable.Range(0, tasks).Select(i => $"task{i}").ToList();
        using var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        var blocks = backbone.Blocks.Count;
        IEnumerable<Layout> layouts =
        [
            Layout.Shared,
            .. Enumerable.Range(1, blocks - 1).Select(Layout.Bottom),
            .. Enumerable.Range(1, blocks - 1).Select(Layout.Top),
            Layout.Independent,
        ];
        return layouts.Select(layout =>
        {
            var report = layout.ToPlan(names, _ => torch.nn.Linear(backbone.FeatureCount, Classes)).Describe(backbone);
            var perTask = report.PerTask[names[0]].Own;
            if (report.PerTask.Values.Any(t => t.Own != perTask) || report.Total != report.Shared + tasks * perTask)
            {
                throw new InvalidOperationException($"{layout}: the report's total {report.Total:N0} is not shared {report.Shared:N0} + {tasks} × {perTask:N0}");
            }

            return new LayoutCounts(layout, DescribeOwnBlocks(layout, backbone.Blocks), report.Shared, perTask);
        }).ToList();
    }

    private static string DescribeOwnBlocks(Layout layout, IReadOnlyList<IReadOnlyList<string>> blocks)
    {
        var (first, last) = layout.Kind switch
        {
            LayoutKind.Bottom => (0, layout.Blocks - 1),
            LayoutKind.Top => (blocks.Count - layout.Blocks, blocks.Count - 1),
            LayoutKind.Independent => (0, blocks.Count - 1),
            _ => (-1, -1),
        };
        return first < 0 ? "head only" : first == last ? BlockName(first) : $"{BlockName(first)} – {BlockName(last)}";

        // ResNet's block 0 is the stem (conv1, bn1, relu); the others are one residual block each, e.g. layer1.0.
        string BlockName(int block) => block == 0 ? "stem" : blocks[block][0];
    }
}
