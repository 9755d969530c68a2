using System.Text.Json;
using System.Text.Json.Serialization;
using MtlSharing.Selectors;

namespace MtlSharing.Plans;

/// <summary>
/// A plan as data: its tasks, rules and options, which <see cref="SharingPlan.ToJson"/> writes and
/// <see cref="SharingPlan.FromJson"/> reads (the heads' factory is code and is not saved), and the
/// comparison that names the first difference between two plans.
/// </summary>
internal sealed record PlanDocument(int Format, IReadOnlyList<string> Tasks, IReadOnlyList<RuleDocument> Rules, OptionsDocument Options)
{
    /// <summary>The format version written now.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PlanDocument Of(SharingPlan plan) => new(
        CurrentFormat,
        plan.Tasks,
        plan.Rules.Select(RuleDocument.Of).ToList(),
        new OptionsDocument(plan.Options.CopyInitialisation.ToString(), plan.Options.PerTaskBatchNorm, plan.Options.ConcatenateTaskBatches));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PlanDocument Parse(string json)
    {
        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PlanDocument>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a sharing plan's JSON: {e.Message}", e);
        }

        if (document is null || document.Tasks is null || document.Rules is null || document.Options is null)
        {
            throw new FormatException("not a sharing plan's JSON: it needs tasks, rules and options");
        }

        return document.Format == CurrentFormat
            ? document
            : throw new FormatException($"the plan's JSON has format {document.Format}; this version of MtlSharing reads format {CurrentFormat}");
    }

    /// <summary>The first way <paramref name="other"/> differs from this plan, in words, or null when they are the same.</summary>
    public string? DifferenceFrom(PlanDocument other, string thisName, string otherName)
    {
        if (!Tasks.SequenceEqual(other.Tasks))
        {
            return $"the tasks differ: {thisName} has {string.Join(", ", Tasks)}; {otherName} has {string.Join(", ", other.Tasks)}";
        }

        for (var i = 0; i < Math.Max(Rules.Count, other.Rules.Count); i++)
        {
            var mine = i < Rules.Count ? Rules[i].ToString() : "no rule";
            var theirs = i < other.Rules.Count ? other.Rules[i].ToString() : "no rule";
            if (mine != theirs)
            {
                return $"rule {i + 1} differs: {thisName} has {mine}; {otherName} has {theirs}";
            }
        }

        return Options == other.Options ? null : $"the options differ: {thisName} has {Options}; {otherName} has {other.Options}";
    }
}

/// <summary>One rule of a plan as data.</summary>
/// <param name="Selector">The selector.</param>
/// <param name="Mode">shared, per-task, groups or frozen.</param>
/// <param name="Groups">The partition, for groups.</param>
internal sealed record RuleDocument(SelectorSpec Selector, string Mode, IReadOnlyList<IReadOnlyList<string>>? Groups = null)
{
    public static RuleDocument Of(SharingRule rule) => rule.Mode switch
    {
        SharingMode.GroupsMode groups => new RuleDocument(rule.Selector.Spec, "groups", groups.Partition.Groups),
        SharingMode.PerTaskMode => new RuleDocument(rule.Selector.Spec, "per-task"),
        SharingMode.FrozenMode => new RuleDocument(rule.Selector.Spec, "frozen"),
        _ => new RuleDocument(rule.Selector.Spec, "shared"),
    };

    public SharingRule ToRule() => new(Selector.ToSelector(), Mode switch
    {
        "shared" => SharingMode.Shared,
        "per-task" => SharingMode.PerTask,
        "frozen" => SharingMode.Frozen,
        "groups" => SharingMode.Groups(new TaskPartition(Groups ?? throw new FormatException("a 'groups' rule needs its groups"))),
        _ => throw new FormatException($"unknown sharing mode '{Mode}'; expected shared, per-task, groups or frozen"),
    });

    public override string ToString()
    {
        var selector = Selector.Kind switch
        {
            "blocks" => $"blocks {Selector.First}–{Selector.Last}",
            "bottom-blocks" or "top-blocks" => $"{Selector.Kind} {Selector.Count}",
            "all" => "all",
            _ => $"{Selector.Kind} '{Selector.Text}'",
        };
        var groups = Groups is null ? string.Empty : " " + string.Join(" ", Groups.Select(g => "{" + string.Join(", ", g) + "}"));
        return $"{selector} → {Mode}{groups}";
    }
}

/// <summary>A plan's options as data (the logger is not saved).</summary>
/// <param name="CopyInitialisation">FromBackbone or Fresh.</param>
/// <param name="PerTaskBatchNorm">Per-task BatchNorm everywhere.</param>
/// <param name="ConcatenateTaskBatches">Shared layers run once on concatenated task batches.</param>
internal sealed record OptionsDocument(string CopyInitialisation, bool PerTaskBatchNorm, bool ConcatenateTaskBatches)
{
    public SharingPlanOptions ToOptions() => new()
    {
        CopyInitialisation = Enum.TryParse<CopyInitialisation>(CopyInitialisation, out var value)
            ? value
            : throw new FormatException($"unknown copy initialisation '{CopyInitialisation}'; expected {string.Join(" or ", Enum.GetNames<CopyInitialisation>())}"),
        PerTaskBatchNorm = PerTaskBatchNorm,
        ConcatenateTaskBatches = ConcatenateTaskBatches,
    };

    public override string ToString() =>
        $"CopyInitialisation = {CopyInitialisation}, PerTaskBatchNorm = {PerTaskBatchNorm}, ConcatenateTaskBatches = {ConcatenateTaskBatches}";
}
