using TorchSharp;

namespace MtlSharing.Selectors;

/// <summary>
/// Names a set of layers of a backbone: by dotted path, prefix, glob, module type or block index.
/// Build one with the static factories, e.g. <c>LayerSelector.Path("layer1.0.conv2")</c>.
/// </summary>
public abstract class LayerSelector
{
    /// <summary>Exactly one module, by its dotted path from named_modules.</summary>
    /// <param name="path">The path, e.g. "layer1.0.conv2".</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Path(string path) => new PathSelector(path);

    /// <summary>A module and everything under it; "layer1" covers "layer1.0.conv1" and so on.</summary>
    /// <param name="prefix">The path of the covering module.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Prefix(string prefix) => new PrefixSelector(prefix);

    /// <summary>Paths matching a glob: '*' matches any run of characters (dots included), '?' one character.</summary>
    /// <param name="pattern">The glob, e.g. "*.bn*".</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Glob(string pattern) => new GlobSelector(pattern);

    /// <summary>Every module of a type (or a subtype), such as every BatchNorm2d.</summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    /// <returns>The selector.</returns>
    public static LayerSelector OfType<TModule>()
        where TModule : torch.nn.Module => new PredicateSelector(m => m is TModule, typeof(TModule).Name);

    /// <summary>Every module for which a predicate holds.</summary>
    /// <param name="predicate">The test.</param>
    /// <param name="description">How the selector describes itself in messages.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Where(Func<torch.nn.Module, bool> predicate, string description = "predicate") =>
        new PredicateSelector(predicate, description);

    /// <summary>One block of a backbone that publishes its ordered blocks (<see cref="IBlockStructured"/>).</summary>
    /// <param name="index">The block index, from 0.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Block(int index) => new BlockSelector(index, index);

    /// <summary>A range of blocks of a backbone that publishes its ordered blocks.</summary>
    /// <param name="first">The first block index.</param>
    /// <param name="last">The last block index (inclusive).</param>
    /// <returns>The selector.</returns>
    public static LayerSelector Blocks(int first, int last) => new BlockSelector(first, last);

    /// <summary>The first <paramref name="count"/> published blocks (the input side).</summary>
    /// <param name="count">How many blocks, 0 to the number of blocks.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector BottomBlocks(int count) => new EdgeBlocksSelector(count, fromTop: false);

    /// <summary>The last <paramref name="count"/> published blocks (the output side).</summary>
    /// <param name="count">How many blocks, 0 to the number of blocks.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector TopBlocks(int count) => new EdgeBlocksSelector(count, fromTop: true);

    /// <summary>
    /// The first <paramref name="count"/> parameterised layers (the input side): modules that hold
    /// parameters themselves, such as a convolution, a BatchNorm or a linear layer, counted in
    /// registration order (<c>named_modules</c>). That is the order the forward pass first uses
    /// them in TorchVision's ResNet, MobileNet and VGG and in the library's backbones (a test checks
    /// it against their published blocks); for a module whose <c>forward</c> uses its children in
    /// another order than it registers them, select layers by path instead.
    /// </summary>
    /// <param name="count">How many layers, 0 to the number of parameterised layers.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector BottomLayers(int count) => new EdgeLayersSelector(count, fromTop: false);

    /// <summary>
    /// The last <paramref name="count"/> parameterised layers (the output side), counted as
    /// <see cref="BottomLayers"/> counts them.
    /// </summary>
    /// <param name="count">How many layers, 0 to the number of parameterised layers.</param>
    /// <returns>The selector.</returns>
    public static LayerSelector TopLayers(int count) => new EdgeLayersSelector(count, fromTop: true);

    /// <summary>Every layer of the backbone.</summary>
    /// <returns>The selector.</returns>
    public static LayerSelector All() => new WholeBackboneSelector();

    /// <summary>What the selector selects, as data (for saving a plan as JSON).</summary>
    internal abstract SelectorSpec Spec { get; }

    /// <summary>
    /// The top-level module paths this selector names in a backbone (a module whose ancestor is
    /// also named is left out). Problems, such as an unknown path, are added to <paramref name="problems"/>.
    /// </summary>
    /// <param name="catalog">The backbone's modules.</param>
    /// <param name="problems">Receives a message per problem.</param>
    /// <returns>The selected paths, in module order.</returns>

    internal IReadOnlyList<string> Resolve(LayerCatalog catalog, List<string> problems)
    {
        var selected = Select(catalog, problems).ToHashSet(StringComparer.Ordinal);
        return catalog.Paths.Where(p => selected.Contains(p) && !LayerCatalog.Ancestors(p).Any(selected.Contains)).ToList();
    }

    /// <summary>The matching paths, which may include nested ones.</summary>
    private protected abstract IEnumerable<string> Select(LayerCatalog catalog, List<string> problems);
}
