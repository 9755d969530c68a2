using BenchmarkDotNet.Reports;
using MtlSharing.Benchmarks.Suite;
using MtlSharing.Plans;

namespace MtlSharing.Benchmarks.Overhead;

/// <summary>
/// The parameter-overhead table of the suite: for each backbone, T and layout, the exact parameter
/// count of the multi-task model (from <see cref="Plans.SharingPlan.Describe"/>, which counts
/// without building the model) against T independent models.
/// </summary>
public static class ParameterOverheadTable
{
    /// <summary>The models the suite's cases in a summary ran, each once.</summary>
    /// <param name="summary">A BenchmarkDotNet summary.</param>
    /// <returns>The cases of <see cref="LayoutSharingBenchmarks"/> in it; empty when it has none.</returns>
    public static IReadOnlyList<OverheadCase> CasesOf(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return [.. summary.BenchmarksCases
            .Where(c => c.Descriptor.Type == typeof(LayoutSharingBenchmarks))
            .Select(c => new OverheadCase(
                (SuiteBackbone)c.Parameters[nameof(LayoutSharingBenchmarks.Backbone)],
                (LayoutKind)c.Parameters[nameof(LayoutSharingBenchmarks.Layout)],
                (int)c.Parameters[nameof(LayoutSharingBenchmarks.Tasks)]))
            .Distinct()];
    }

    /// <summary>Counts each model; rows ordered by backbone, T and layout kind, each labelled with its layout's text (e.g. "top:3").</summary>
    /// <param name="cases">The models.</param>
    /// <returns>One row per distinct model.</returns>
    public static IReadOnlyList<ParameterOverheadRow> Compute(IEnumerable<OverheadCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var rows = new List<ParameterOverheadRow>();
        foreach (var byBackbone in cases.Distinct().GroupBy(c => c.Backbone).OrderBy(g => g.Key))
        {
            using var backbone = SuiteModels.Backbone(byBackbone.Key);
            var facts = SuiteModels.Facts(backbone);
            foreach (var model in byBackbone.OrderBy(c => c.Tasks).ThenBy(c => c.Layout))
            {
                var layout = SuiteLayouts.For(model.Layout, facts);
                var report = SuiteModels.Plan(layout, backbone, model.Tasks).Describe(backbone);
                rows.Add(new ParameterOverheadRow(facts.Title, layout.ToString(), model.Tasks, report.Total, report.Independent, report.TaskSpecificShare));
            }
        }

        return rows;
    }
}
