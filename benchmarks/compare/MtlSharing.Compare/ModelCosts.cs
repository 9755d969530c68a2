using MtlSharing.Backbones;

namespace MtlSharing.Compare;

/// <summary>
/// Multiply-adds of the compared model per image, from the backbone's own cost report
/// (Conv2d and Linear layers; see <see cref="CostReport"/>) plus one Linear head.
/// </summary>
internal sealed record ModelCosts(CostReport Backbone, long HeadMacs)
{
    /// <summary>One image through one task's path: the backbone and one head.</summary>
    public long ForwardPerImage => Backbone.TotalMultiplyAdds + HeadMacs;

    /// <summary>
    /// What running every task on one input costs against one single-task network when the
    /// blocks before the first task-specific one run once and everything from there on (head
    /// included) runs once per task: (prefix + T × rest) / (prefix + rest).
    /// </summary>
    public double AllTasksOverSingle(Layout layout, int tasks)
    {
        var specific = layout.SpecificBlocks(Backbone.Blocks.Count).ToList();
        var firstSpecific = specific.Count == 0 ? Backbone.Blocks.Count : specific.Min();
        var prefix = Backbone.Blocks.Take(firstSpecific).Sum(b => b.MultiplyAdds);
        var rest = ForwardPerImage - prefix;
        return (prefix + ((double)tasks * rest)) / ForwardPerImage;
    }
}
