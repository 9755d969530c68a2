using MtlSharing.Selectors;

namespace MtlSharing.Plans;

/// <summary>One statement of a plan: the layers a selector names use a sharing mode.</summary>
/// <param name="Selector">Which layers.</param>
/// <param name="Mode">How the tasks use them.</param>
public sealed record SharingRule(LayerSelector Selector, SharingMode Mode)
{
    /// <inheritdoc />
    public override string ToString() => $"{Selector} → {Mode}";
}
