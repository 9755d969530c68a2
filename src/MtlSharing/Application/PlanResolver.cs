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

    private static string Deeper(string a, string b) => a.Length >= b.Length ? a : b;
}
