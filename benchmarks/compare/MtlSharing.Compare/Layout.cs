using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;
using LibraryLayout = MtlSharing.Plans.Layout;

namespace MtlSharing.Compare;

/// <summary>
/// A layout of the comparison: the library's <see cref="LibraryLayout"/>, restricted to what the
/// PyTorch side (pytorch_side.py) also runs: <c>bottom:k</c>, <c>top:k</c> (k at most the block
/// count), <c>shared</c> or <c>independent</c>, written exactly so, with blocks numbered as the
/// backbone publishes them (ResNet-18: 0 is the stem, 1–8 are layer1.0 … layer4.1).
/// </summary>
internal sealed record Layout(LibraryLayout Value)
{
    /// <summary>The layout as written on the command line and in result lines.</summary>
    public string Name => Value.ToString();

    public static Layout Parse(string text, int blockCount)
    {
        if (LibraryLayout.TryParse(text, out var value) && value.ToString() == text && value.Kind != LayoutKind.NormOnly && value.Blocks <= blockCount)
        {
            return new Layout(value);
        }

        throw new UsageException($"unknown layout '{text}'; valid layouts are bottom:k, top:k (k = 0..{blockCount}), shared, independent");
    }

    /// <summary>The indices of the blocks that have one copy per task.</summary>
    public IEnumerable<int> SpecificBlocks(int blockCount) => Value.Kind switch
    {
        LayoutKind.Bottom => Enumerable.Range(0, Value.Blocks),
        LayoutKind.Top => Enumerable.Range(blockCount - Value.Blocks, Value.Blocks),
        LayoutKind.Shared => [],
        _ => Enumerable.Range(0, blockCount),
    };

    /// <summary>The plan of this layout from the library's presets.</summary>
    public SharingPlan Plan(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) => Value.ToPlan(tasks, heads);
}
