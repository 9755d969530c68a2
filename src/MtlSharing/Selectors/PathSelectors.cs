using System.Text.RegularExpressions;

namespace MtlSharing.Selectors;

/// <summary>Selects exactly one module by path.</summary>
internal sealed class PathSelector(string path) : LayerSelector
{
    private readonly string path = path ?? throw new ArgumentNullException(nameof(path));
    internal override SelectorSpec Spec => new("path", Text: path);

    public override string ToString() => $"path '{path}'";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        if (catalog.Contains(path))
        {
            return [path];
        }

        problems.Add(catalog.UnknownPathMessage(path));
        return [];
    }
}

/// <summary>Selects a module and all its descendants.</summary>
internal sealed class PrefixSelector(string prefix) : LayerSelector
{
    private readonly string prefix = prefix ?? throw new ArgumentNullException(nameof(prefix));
    internal override SelectorSpec Spec => new("prefix", Text: prefix);

    public override string ToString() => $"prefix '{prefix}'";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        if (catalog.Contains(prefix))
        {
            return [prefix];
        }

        problems.Add(catalog.UnknownPathMessage(prefix));
        return [];
    }
}

/// <summary>Selects paths matching a glob.</summary>
internal sealed class GlobSelector : LayerSelector
{
    private readonly string pattern;
    private readonly Regex regex;
    internal override SelectorSpec Spec => new("glob", Text: pattern);

    public GlobSelector(string pattern)
    {
        this.pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        var body = Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal);
        regex = new Regex($"^{body}$", RegexOptions.CultureInvariant);
    }

    public override string ToString() => $"glob '{pattern}'";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        var matches = catalog.Paths.Where(p => regex.IsMatch(p)).ToList();
        if (matches.Count == 0)
        {
            problems.Add($"glob '{pattern}' matches no layer; layers include {catalog.Sample()}");
        }

        return matches;
    }
}

/// <summary>Selects modules for which a predicate holds.</summary>
internal sealed class PredicateSelector(Func<TorchSharp.torch.nn.Module, bool> predicate, string description) : LayerSelector
{
    internal override SelectorSpec Spec => new("predicate", Text: description);

    public override string ToString() => description;

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        var matches = catalog.Paths.Where(p => predicate(catalog[p])).ToList();
        if (matches.Count == 0)
        {
            problems.Add($"no layer is a {description}");
        }

        return matches;
    }
}

/// <summary>Selects a range of the backbone's published blocks.</summary>
internal sealed class BlockSelector(int first, int last) : LayerSelector
{
    internal override SelectorSpec Spec => new("blocks", First: first, Last: last);

    public override string ToString() => first == last ? $"block {first}" : $"blocks {first}–{last}";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        if (catalog.Blocks is not { } blocks)
        {
            problems.Add($"{this} needs a backbone that publishes its blocks (IBlockStructured); this one does not");
            return [];
        }

        if (first < 0 || last >= blocks.Count || first > last)
        {
            problems.Add($"{this} is out of range; the backbone has blocks 0–{blocks.Count - 1}");
            return [];
        }

        return blocks.Skip(first).Take(last - first + 1).SelectMany(b => b);
    }
}

/// <summary>Selects the first or last k published blocks.</summary>
internal sealed class EdgeBlocksSelector(int count, bool fromTop) : LayerSelector
{
    internal override SelectorSpec Spec => new(fromTop ? "top-blocks" : "bottom-blocks", Count: count);

    public override string ToString() => fromTop ? $"top {count} blocks" : $"bottom {count} blocks";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        if (catalog.Blocks is not { } blocks)
        {
            problems.Add($"{this} needs a backbone that publishes its blocks (IBlockStructured); this one does not");
            return [];
        }

        if (count < 0 || count > blocks.Count)
        {
            problems.Add($"k = {count} is out of range; the backbone has {blocks.Count} blocks, so k must be 0–{blocks.Count}");
            return [];
        }

        return (fromTop ? blocks.Skip(blocks.Count - count) : blocks.Take(count)).SelectMany(b => b);
    }
}

/// <summary>Selects the first or last m parameterised layers, in registration order.</summary>
internal sealed class EdgeLayersSelector(int count, bool fromTop) : LayerSelector
{
    internal override SelectorSpec Spec => new(fromTop ? "top-layers" : "bottom-layers", Count: count);

    public override string ToString() => fromTop ? $"top {count} layers" : $"bottom {count} layers";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems)
    {
        var layers = catalog.ParameterisedLayers;
        if (count < 0 || count > layers.Count)
        {
            problems.Add($"m = {count} is out of range; the backbone has {layers.Count} parameterised layers, so m must be 0–{layers.Count}");
            return [];
        }

        return fromTop ? layers.Skip(layers.Count - count) : layers.Take(count);
    }
}

/// <summary>Selects every direct child of the backbone: the whole network.</summary>
internal sealed class WholeBackboneSelector : LayerSelector
{
    internal override SelectorSpec Spec => new("all");

    public override string ToString() => "the whole backbone";

    private protected override IEnumerable<string> Select(LayerCatalog catalog, List<string> problems) =>
        catalog.Paths.Where(p => !p.Contains('.', StringComparison.Ordinal));
}
