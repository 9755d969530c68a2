using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Reports;

/// <summary>Counts parameters per layer, on a plain backbone (with the modes a plan would give) or an applied one.</summary>
internal static class ParameterCounting
{
    public static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <summary>
    /// One row per module that holds parameters directly, in module order. Inside a task switch
    /// the rows describe one copy, under the layer's original path.
    /// </summary>
    /// <param name="backbone">A backbone, plain or applied.</param>
    /// <param name="modes">For a plain backbone: the mode of each changed layer by path.</param>
    public static IReadOnlyList<LayerRow> Rows(nn.Module backbone, IReadOnlyDictionary<string, SharingMode> modes)
    {
        var rows = new List<LayerRow>();
        Walk(backbone, string.Empty, SharingMode.Shared, modes, rows);
        return rows;
    }

    private static void Walk(nn.Module module, string path, SharingMode inherited, IReadOnlyDictionary<string, SharingMode> modes, List<LayerRow> rows)
    {
        var mode = modes.TryGetValue(path, out var given) ? given : inherited;
        if (module is TaskSwitch taskSwitch)
        {
            Walk(taskSwitch.Template, path, taskSwitch.Mode, modes, rows);
            return;
        }

        var own = module.named_parameters(recurse: false).Sum(p => p.parameter.numel());
        if (own > 0)
        {
            rows.Add(new LayerRow(path.Length == 0 ? "(root)" : path, module.GetType().Name, mode, own));
        }

        foreach (var (name, child) in module.named_children())
        {
            Walk(child, path.Length == 0 ? name : $"{path}.{name}", mode, modes, rows);
        }
    }
}
