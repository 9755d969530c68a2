using System.Globalization;
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Which blocks of the backbone are per task, written as on the command line: <c>bottom:k</c>,
/// <c>top:k</c>, <c>shared</c> or <c>independent</c>, with blocks numbered as the backbone
/// publishes them (ResNet-18: 0 is the stem, 1–8 are layer1.0 … layer4.1). The comparison keeps
/// its own parsing (with the block-count bound and pytorch_side.py's error text) until the core
/// library's parsable layout value is adopted here.
/// </summary>
internal sealed record Layout(string Name, Layout.Kind Side, int K)
{
    public enum Kind
    {
        Bottom,
        Top,
        Shared,
        Independent,
    }

    public static Layout Parse(string text, int blockCount)
    {
        var valid = $"valid layouts are bottom:k, top:k (k = 0..{blockCount}), shared, independent";
        switch (text)
        {
            case "shared":
                return new Layout(text, Kind.Shared, 0);
            case "independent":
                return new Layout(text, Kind.Independent, blockCount);
        }

        var parts = text.Split(':');
        if (parts.Length == 2 && parts[0] is "bottom" or "top"
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k <= blockCount)
        {
            return new Layout(text, parts[0] == "bottom" ? Kind.Bottom : Kind.Top, k);
        }

        throw new UsageException($"unknown layout '{text}'; {valid}");
    }

    /// <summary>The indices of the blocks that have one copy per task.</summary>
    public IEnumerable<int> SpecificBlocks(int blockCount) => Side switch
    {
        Kind.Bottom => Enumerable.Range(0, K),
        Kind.Top => Enumerable.Range(blockCount - K, K),
        Kind.Shared => [],
        _ => Enumerable.Range(0, blockCount),
    };

    /// <summary>The plan of this layout from the library's presets.</summary>
    public SharingPlan Plan(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) => Side switch
    {
        Kind.Bottom => SharingPresets.BottomSpecific(tasks, heads, K),
        Kind.Top => SharingPresets.TopSpecific(tasks, heads, K),
        Kind.Shared => SharingPresets.FullyShared(tasks, heads),
        _ => SharingPresets.Independent(tasks, heads),
    };
}
