namespace MtlSharing.Backbones;

/// <summary>The block type and the number of blocks in layer1…layer4 for each supported ResNet depth.</summary>
internal sealed record ResNetLayout(bool Bottleneck, int[] Layers)
{
    private static readonly Dictionary<int, ResNetLayout> Layouts = new()
    {
        [18] = new(false, [2, 2, 2, 2]),
        [34] = new(false, [3, 4, 6, 3]),
        [50] = new(true, [3, 4, 6, 3]),
    };

    /// <summary>The depths that can be built.</summary>
    public static IReadOnlyList<int> Depths { get; } = [.. Layouts.Keys];

    /// <summary>The channel multiplier at a block's output: 4 for Bottleneck, 1 for BasicBlock.</summary>
    public int Expansion => Bottleneck ? 4 : 1;

    /// <summary>The layout of a depth.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is not 18, 34 or 50.</exception>
    public static ResNetLayout For(int depth) => Layouts.TryGetValue(depth, out var layout)
        ? layout
        : throw new ArgumentOutOfRangeException(nameof(depth), depth, $"unsupported ResNet depth {depth}; supported depths are {string.Join(", ", Depths)}");

    /// <summary>The block paths: the stem, then layer1.0 … layer4.(n−1).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Blocks(Stem stem)
    {
        IReadOnlyList<string> stemPaths = stem == Stem.ImageNet ? ["conv1", "bn1", "relu", "maxpool"] : ["conv1", "bn1", "relu"];
        var blocks = new List<IReadOnlyList<string>> { stemPaths };
        for (var layer = 0; layer < Layers.Length; layer++)
        {
            for (var block = 0; block < Layers[layer]; block++)
            {
                blocks.Add([$"layer{layer + 1}.{block}"]);
            }
        }

        return blocks.AsReadOnly();
    }
}
