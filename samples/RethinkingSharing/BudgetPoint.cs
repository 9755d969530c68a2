using System.Globalization;

namespace RethinkingSharing;

/// <summary>
/// Where bottom- and top-specific layouts are compared: at a target task-specific share (each side
/// picks the number of layers nearest it, and the comparison holds only if both come within
/// tolerance), or at the share the top's last m layers give (the top is fixed at m layers and the
/// bottom matched to its share). The second form exists because the top of a ResNet is coarse: its
/// last convolution alone holds about a fifth of the network, so no top layout lies near 10%.
/// </summary>
internal sealed record BudgetPoint
{
    private BudgetPoint(double? target, int? topLayers)
    {
        Target = target;
        TopLayers = topLayers;
    }

    /// <summary>The target share, for the first form.</summary>
    public double? Target { get; }

    /// <summary>The top's number of layers, for the second form.</summary>
    public int? TopLayers { get; }

    /// <summary>How the point is written on the command line and in the results: "10%" or "top:2".</summary>
    public string Label => Target is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t:0.##%}") : $"top:{TopLayers}";

    public static BudgetPoint Share(double target) =>
        target is > 0 and <= 1 ? new BudgetPoint(target, null) : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"budget {target} is out of range; a budget is a task-specific share in (0, 1], e.g. 0.1, or top:m"));

    public static BudgetPoint AtTopLayers(int layers) =>
        layers >= 1 ? new BudgetPoint(null, layers) : throw new ArgumentException($"top:{layers} needs at least one layer, e.g. top:2");

    /// <summary>Reads "0.1", "10%" or "top:2".</summary>
    public static BudgetPoint Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("top:", StringComparison.Ordinal))
        {
            return int.TryParse(trimmed[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                ? AtTopLayers(m)
                : throw new ArgumentException($"budget '{text}' is not valid; write a share such as 0.1 or 10%, or top:m with m a whole number of layers");
        }

        var percent = trimmed.EndsWith('%');
        return double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? Share(percent ? value / 100 : value)
            : throw new ArgumentException($"budget '{text}' is not valid; write a share such as 0.1 or 10%, or top:m with m a whole number of layers");
    }

    public override string ToString() => Label;
}
