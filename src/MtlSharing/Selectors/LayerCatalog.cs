using MtlSharing.Modules;
using TorchSharp;

namespace MtlSharing.Selectors;

/// <summary>The modules of a backbone by dotted path, with its blocks when it publishes them.</summary>
internal sealed class LayerCatalog
{
    private readonly Dictionary<string, torch.nn.Module> modules;

    public LayerCatalog(torch.nn.Module backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        modules = new Dictionary<string, torch.nn.Module>(StringComparer.Ordinal);
        var paths = new List<string>();
        foreach (var (name, module) in backbone.NamedModulesDepthFirst())
        {
            if (name.Length > 0 && modules.TryAdd(name, module))
            {
                paths.Add(name);
            }
        }

        Paths = paths;
        ParameterisedLayers = paths.Where(p => modules[p].named_parameters(recurse: false).Any()).ToList();
        Blocks = (backbone as IBlockStructured)?.Blocks;
    }

    /// <summary>Every module path except the root, in named_modules order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The paths of the modules that hold parameters themselves, in registration order.</summary>
    public IReadOnlyList<string> ParameterisedLayers { get; }

    /// <summary>The published blocks, or null.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Blocks { get; }

    public torch.nn.Module this[string path] => modules[path];

    public bool Contains(string path) => modules.ContainsKey(path);

    /// <summary>"a.b.c" → "a.b", "a".</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var i = path.LastIndexOf('.'); i > 0; i = path.LastIndexOf('.', i - 1))
        {
            yield return path[..i];
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies under it.</summary>
    public static bool IsWithin(string path, string ancestor) =>
        path == ancestor || path.StartsWith(ancestor + ".", StringComparison.Ordinal);

    public string UnknownPathMessage(string path)
    {
        var nearest = EditDistance.Nearest(path, Paths);
        return $"unknown layer path '{path}'; the nearest layers are {string.Join(", ", nearest)}";
    }

    public string Sample() => string.Join(", ", Paths.Take(5)) + (Paths.Count > 5 ? ", …" : string.Empty);
}
