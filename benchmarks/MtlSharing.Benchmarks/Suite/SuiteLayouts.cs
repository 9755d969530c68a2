using MtlSharing.Backbones;
using MtlSharing.Plans;

namespace MtlSharing.Benchmarks.Suite;

/// <summary>
/// The library's <see cref="Layout"/> that the suite measures for a <see cref="LayoutKind"/> on a
/// given backbone. The benchmark's parameter is the kind, because BenchmarkDotNet takes every
/// value of an enum; the k of <c>bottom:k</c> and <c>top:k</c> depends on the backbone.
/// </summary>
public static class SuiteLayouts
{
    /// <summary>
    /// The layout of a kind on a backbone. For <see cref="LayoutKind.Bottom"/> and
    /// <see cref="LayoutKind.Top"/>, k is a third of the backbone's blocks (at least 1), so both
    /// backbones give the same fraction of their depth to each task. ResNet-18 with the small-image
    /// stem has 9 blocks (the stem and 8 residual blocks), so <c>bottom:3</c> is the stem,
    /// layer1.0 and layer1.1, and <c>top:3</c> is layer3.1, layer4.0 and layer4.1. The small CNN
    /// has 3 blocks (its stages), so <c>bottom:1</c> and <c>top:1</c>.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <param name="backbone">The backbone (it decides k).</param>
    /// <returns>The layout.</returns>
    public static Layout For(LayoutKind kind, IBackbone backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        var k = Math.Max(1, backbone.Blocks.Count / 3);
        return kind switch
        {
            LayoutKind.Shared => Layout.Shared,
            LayoutKind.Independent => Layout.Independent,
            LayoutKind.NormOnly => Layout.NormOnly,
            LayoutKind.Bottom => Layout.Bottom(k),
            LayoutKind.Top => Layout.Top(k),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown layout kind; the kinds are " + string.Join(", ", Enum.GetNames<LayoutKind>())),
        };
    }
}
