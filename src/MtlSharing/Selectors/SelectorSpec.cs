namespace MtlSharing.Selectors;

/// <summary>
/// A layer selector as data: its kind and arguments, as a plan's JSON holds them. A predicate
/// selector is code; its spec keeps only the description.
/// </summary>
/// <param name="Kind">path, prefix, glob, predicate, blocks, bottom-blocks, top-blocks, bottom-layers, top-layers or all.</param>
/// <param name="Text">The path, prefix, glob or predicate description.</param>
/// <param name="First">The first block, for blocks.</param>
/// <param name="Last">The last block, for blocks.</param>
/// <param name="Count">How many blocks or layers, for bottom-blocks, top-blocks, bottom-layers and top-layers.</param>
internal sealed record SelectorSpec(string Kind, string? Text = null, int? First = null, int? Last = null, int? Count = null)
{
    /// <summary>The selector this spec describes.</summary>
    /// <exception cref="NotSupportedException">A predicate: code cannot be read back from JSON.</exception>
    /// <exception cref="FormatException">An unknown kind or a missing argument.</exception>
    public LayerSelector ToSelector() => Kind switch
    {
        "path" => LayerSelector.Path(Required(Text)),
        "prefix" => LayerSelector.Prefix(Required(Text)),
        "glob" => LayerSelector.Glob(Required(Text)),
        "blocks" => LayerSelector.Blocks(Required(First), Required(Last)),
        "bottom-blocks" => LayerSelector.BottomBlocks(Required(Count)),
        "top-blocks" => LayerSelector.TopBlocks(Required(Count)),
        "bottom-layers" => LayerSelector.BottomLayers(Required(Count)),
        "top-layers" => LayerSelector.TopLayers(Required(Count)),
        "all" => LayerSelector.All(),
        "predicate" => throw new NotSupportedException($"the selector '{Text}' is code (a predicate or a type test) and cannot be read back from JSON; build that rule in code"),
        _ => throw new FormatException($"unknown selector kind '{Kind}'; expected path, prefix, glob, blocks, bottom-blocks, top-blocks, bottom-layers, top-layers, all or predicate"),
    };

    private T Required<T>(T? value) => value ?? throw new FormatException($"a '{Kind}' selector needs its argument");

    private int Required(int? value) => value ?? throw new FormatException($"a '{Kind}' selector needs its argument");
}
