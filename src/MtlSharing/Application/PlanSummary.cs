using System.Globalization;
using System.Text;
using MtlSharing.Plans;
using MtlSharing.Reports;

namespace MtlSharing.Application;

/// <summary>The one-screen summary of an applied plan that is sent to the plan's logger.</summary>
internal static class PlanSummary
{
    public static string Describe(SharingPlan plan, ResolvedPlan resolved, ParameterReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"sharing plan applied: {plan.Tasks.Count} tasks ({string.Join(", ", plan.Tasks)})");
        if (resolved.Layers.Count == 0)
        {
            text.AppendLine("  every backbone layer is shared; each task has its own head");
        }

        foreach (var layer in resolved.Layers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {layer.Path}: {layer.Mode} (from {layer.Origin})");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  parameters: {report.Total:N0} in all, {report.Shared:N0} shared, task-specific share {report.TaskSpecificShare:P2}, {report.FractionOfIndependent:P1} of {plan.Tasks.Count} independent models ({report.Independent:N0})");
        return text.ToString();
    }
}
