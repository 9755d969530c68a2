using MtlSharing.Modules;
using MtlSharing.Plans;
using MtlSharing.Routing;
using MtlSharing.Selectors;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Application;

/// <summary>Checks a plan against a backbone and works out which layers change, changing nothing.</summary>
internal static class PlanResolver
{
    public static ResolvedPlan Resolve(SharingPlan plan, nn.Module backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        var catalog = new LayerCatalog(backbone);
        var problems = new List<string>();
        if (catalog.Paths.Any(p => catalog[p] is TaskSwitch))
        {
            problems.Add("the backbone already holds task switches; apply a plan to a fresh backbone");
        }

        var claims = new List<ResolvedLayer>();
        foreach (var rule in plan.Rules)
        {
            if (rule.Mode is SharingMode.GroupsMode groups)
            {
                problems.AddRange(groups.Partition.Problems(plan.Tasks).Select(p => $"rule '{rule}': {p}"));
            }

            foreach (var path in rule.Selector.Resolve(catalog, problems))
            {
                claims.Add(new ResolvedLayer(path, rule.Mode, $"rule '{rule}'"));
            }
        }

        var accepted = AcceptClaims(claims, problems);
        if (plan.Options.PerTaskBatchNorm)
        {
            accepted.AddRange(catalog.Paths
                .Where(p => BatchNormDetection.IsBatchNorm(catalog[p]) && !accepted.Any(a => LayerCatalog.IsWithin(p, a.Path)))
                .Where(p => !LayerCatalog.Ancestors(p).Any(a => BatchNormDetection.IsBatchNorm(catalog[a])))
                .Select(p => new ResolvedLayer(p, SharingMode.PerTask, "option PerTaskBatchNorm")));
        }

        accepted = accepted.SelectMany(l => Switchable(backbone, l, problems)).ToList();
        if (problems.Count > 0)
        {
            var distinct = problems.Distinct().ToList();
            var more = distinct.Count > 1 ? $" (and {distinct.Count - 1} more problem{(distinct.Count > 2 ? "s" : string.Empty)}, listed below)" : string.Empty;
            throw new ArgumentException($"invalid sharing plan: {distinct[0]}{more}" + string.Concat(distinct.Select(p => Environment.NewLine + "  - " + p)));
        }

        var order = catalog.Paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        return new ResolvedPlan(accepted.OrderBy(l => order[l.Path]).ToList());
    }

    /// <summary>Drops claims nested in an equal claim; reports claims that overlap with different modes.</summary>
    private static List<ResolvedLayer> AcceptClaims(List<ResolvedLayer> claims, List<string> problems)
    {
        var accepted = new List<ResolvedLayer>();
        foreach (var claim in claims.Where(c => c.Mode is not SharingMode.SharedMode))
        {
            var overlapping = claims.Where(o => !ReferenceEquals(o, claim) && (LayerCatalog.IsWithin(claim.Path, o.Path) || LayerCatalog.IsWithin(o.Path, claim.Path))).ToList();
            foreach (var other in overlapping.Where(o => o.Mode != claim.Mode))
            {
                var (first, second) = string.CompareOrdinal(claim.Path, other.Path) <= 0 ? (claim, other) : (other, claim);
                problems.Add($"{first.Origin} and {second.Origin} claim layer '{Deeper(first.Path, second.Path)}' with different modes ({first.Mode} vs {second.Mode})");
            }

            var coveredByEqual = overlapping.Any(o => o.Mode == claim.Mode && o.Path != claim.Path && LayerCatalog.IsWithin(claim.Path, o.Path));
            if (!coveredByEqual && !accepted.Any(a => a.Path == claim.Path))
            {
                accepted.Add(claim);
            }
        }

        return accepted;
    }

    /// <summary>
    /// The layer itself, or, where the parent's field cannot hold a task switch (TorchVision's
    /// ResNet declares <c>layer1</c>…<c>layer4</c> as <c>Sequential</c>), its children with the same
    /// mode: a container that only chains its children computes the same with each child switched.
    /// A leaf that cannot be replaced is a problem of the plan.
    /// </summary>
    private static IEnumerable<ResolvedLayer> Switchable(nn.Module backbone, ResolvedLayer layer, List<string> problems)
    {
        if (!layer.Mode.IsTaskSpecific || layer.Path.Length == 0 || ModuleTree.FieldThatCannotHold(backbone, layer.Path, typeof(TaskSwitch)) is not { } field)
        {
            return [layer];
        }

        var module = backbone.GetSubmodule(layer.Path);
        var children = module.named_children().ToList();
        if (module is not TorchSharp.Modules.Sequential || children.Count == 0)
        {
            problems.Add($"layer '{layer.Path}' cannot be task-specific: {field}, which cannot hold a task switch; declare it as nn.Module<Tensor, Tensor>");
            return [];
        }

        return children.SelectMany(c => Switchable(backbone, layer with { Path = $"{layer.Path}.{c.name}" }, problems));
    }

    private static string Deeper(string a, string b) => a.Length >= b.Length ? a : b;
}
