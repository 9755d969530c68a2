using MtlSharing.Plans;

namespace MtlSharing.Reports;

/// <summary>
/// The exact parameter count of a multi-task model: per layer, shared, per task, per group, in
/// all, and against T independent models of the same backbone. Render it with
/// <see cref="ToText"/>, <see cref="ToMarkdown"/> or <see cref="ToCsv"/>.
/// </summary>
public sealed class ParameterReport
{
    private ParameterReport(IReadOnlyList<string> tasks, IReadOnlyList<LayerRow> layers, IReadOnlyDictionary<string, long> heads)
    {
        Tasks = tasks;
        Layers = layers;
        Heads = heads;
        Shared = layers.Where(l => !l.Mode.IsTaskSpecific).Sum(l => l.ParametersPerCopy);
        BackboneSingleCopy = layers.Sum(l => l.ParametersPerCopy);
        Total = layers.Sum(l => l.ParametersPerCopy * l.Copies(tasks.Count)) + heads.Values.Sum();
        Independent = tasks.Sum(t => BackboneSingleCopy + heads[t]);
        PerTask = tasks.ToDictionary(t => t, t => TaskUsage(t), StringComparer.Ordinal);
        PerGroup = GroupTotals(layers);
    }

    /// <summary>The tasks.</summary>
    public IReadOnlyList<string> Tasks { get; }

    /// <summary>One row per layer that holds parameters, in module order.</summary>
    public IReadOnlyList<LayerRow> Layers { get; }

    /// <summary>The parameters of each task's head.</summary>
    public IReadOnlyDictionary<string, long> Heads { get; }

    /// <summary>Parameters in shared and frozen layers (one copy each).</summary>
    public long Shared { get; }

    /// <summary>The parameters of the backbone alone, one copy of every layer.</summary>
    public long BackboneSingleCopy { get; }

    /// <summary>Every parameter of the model: shared layers, all copies, all heads.</summary>
    public long Total { get; }

    /// <summary>The parameters of T separate models, each the whole backbone plus that task's head.</summary>
    public long Independent { get; }

    /// <summary>Per task: what it uses and what it owns.</summary>
    public IReadOnlyDictionary<string, TaskParameters> PerTask { get; }

    /// <summary>Per group name ("birds+cars"): the parameters of that group's copies, over all grouped layers.</summary>
    public IReadOnlyDictionary<string, long> PerGroup { get; }

    /// <summary>Parameters not shared by all tasks (task and group copies and heads), over the total.</summary>
    public double TaskSpecificShare => Total == 0 ? 0 : (double)(Total - Shared) / Total;

    /// <summary>The model's size over that of T independent models.</summary>
    public double FractionOfIndependent => Independent == 0 ? 0 : (double)Total / Independent;

    /// <summary>The bytes the parameters take at float32.</summary>
    public long BytesFloat32 => Total * sizeof(float);

    /// <summary>Builds a report from layer rows and head sizes.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="layers">The layer rows.</param>
    /// <param name="heads">Each task's head size.</param>
    /// <returns>The report.</returns>
    public static ParameterReport Build(IReadOnlyList<string> tasks, IReadOnlyList<LayerRow> layers, IEnumerable<(string Task, long Parameters)> heads)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(heads);
        return new ParameterReport(tasks, layers, heads.ToDictionary(h => h.Task, h => h.Parameters, StringComparer.Ordinal));
    }

    /// <summary>A fixed-width text table.</summary>
    /// <returns>The table and totals.</returns>
    public string ToText() => ReportFormatter.Text(this);

    /// <summary>A Markdown table.</summary>
    /// <returns>The table and totals.</returns>
    public string ToMarkdown() => ReportFormatter.Markdown(this);

    /// <summary>CSV: one line per layer and head, then the totals.</summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv() => ReportFormatter.Csv(this);

    /// <inheritdoc />
    public override string ToString() => ToText();

    private TaskParameters TaskUsage(string task)
    {
        long own = Heads[task], grouped = 0, groupedShare = 0;
        foreach (var layer in Layers)
        {
            switch (layer.Mode)
            {
                case SharingMode.PerTaskMode:
                    own += layer.ParametersPerCopy;
                    break;
                case SharingMode.GroupsMode groups:
                    grouped += layer.ParametersPerCopy;
                    groupedShare += layer.ParametersPerCopy / groups.Partition.Groups[groups.Partition.GroupOf(task)].Count;
                    break;
            }
        }

        return new TaskParameters(Shared + own + grouped, own, grouped, own + groupedShare);
    }

    private static Dictionary<string, long> GroupTotals(IEnumerable<LayerRow> layers)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            if (layer.Mode is SharingMode.GroupsMode groups)
            {
                for (var g = 0; g < groups.Partition.Groups.Count; g++)
                {
                    var name = groups.Partition.GroupName(g);
                    totals[name] = totals.GetValueOrDefault(name) + layer.ParametersPerCopy;
                }
            }
        }

        return totals;
    }
}
