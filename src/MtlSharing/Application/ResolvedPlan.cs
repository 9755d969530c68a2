using MtlSharing.Plans;
using MtlSharing.Reports;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Application;

/// <summary>One layer a plan changes: where it is, how it is used, and which rule said so.</summary>
/// <param name="Path">The module path in the backbone.</param>
/// <param name="Mode">Its sharing mode (never Shared).</param>
/// <param name="Origin">The rule or option that chose it, for messages and summaries.</param>
internal sealed record ResolvedLayer(string Path, SharingMode Mode, string Origin);

/// <summary>A plan checked against one backbone: the layers to switch or freeze.</summary>
internal sealed class ResolvedPlan(IReadOnlyList<ResolvedLayer> layers)
{
    /// <summary>The changed layers, in module order, none inside another.</summary>
    public IReadOnlyList<ResolvedLayer> Layers { get; } = layers;

    /// <summary>The exact parameter report of the model this plan would make from the backbone.</summary>
    public ParameterReport Report(nn.Module backbone, SharingPlan plan)
    {
        var modes = Layers.ToDictionary(l => l.Path, l => l.Mode, StringComparer.Ordinal);

        // Making the heads draws initial weights; restore the generator so that describing a plan
        // (as ForBudget does for every k) leaves later initialisation exactly as it would have been.
        using var rngState = get_rng_state();
        List<(string, long)> heads;
        try
        {
            heads = plan.Tasks.Select(t =>
            {
                using var head = plan.HeadFactory(t);
                return (t, ParameterCounting.Count(head));
            }).ToList();
        }
        finally
        {
            set_rng_state(rngState);
        }

        return ParameterReport.Build(plan.Tasks, ParameterCounting.Rows(backbone, modes), heads);
    }
}
