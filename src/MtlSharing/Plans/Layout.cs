using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Plans;

/// <summary>
/// A named sharing layout as one parsable value: <c>shared</c>, <c>independent</c>,
/// <c>bottom:k</c>, <c>top:k</c> or <c>norm-only</c>. Benchmarks, comparisons and samples take
/// layouts in this form; <see cref="ToPlan"/> turns one into the matching preset.
/// </summary>
public sealed record Layout
{
    private Layout(LayoutKind kind, int blocks)
    {
        Kind = kind;
        Blocks = blocks;
    }

    /// <summary>Every layer shared; only the heads are per task (<see cref="SharingPresets.FullyShared"/>).</summary>
    public static Layout Shared { get; } = new(LayoutKind.Shared, 0);

    /// <summary>Every layer per task (<see cref="SharingPresets.Independent"/>).</summary>
    public static Layout Independent { get; } = new(LayoutKind.Independent, 0);

    /// <summary>Every layer shared except BatchNorm, which is per task (<see cref="SharingPresets.NormOnly"/>).</summary>
    public static Layout NormOnly { get; } = new(LayoutKind.NormOnly, 0);

    /// <summary>What the layout shares.</summary>
    public LayoutKind Kind { get; }

    /// <summary>The number of task-specific blocks, for <see cref="LayoutKind.Bottom"/> and <see cref="LayoutKind.Top"/>; otherwise 0.</summary>
    public int Blocks { get; }

    /// <summary>The first <paramref name="k"/> blocks per task, the rest shared (<see cref="SharingPresets.BottomSpecific"/>).</summary>
    /// <param name="k">The number of task-specific blocks, at least 0.</param>
    /// <returns>The layout.</returns>
    public static Layout Bottom(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return new Layout(LayoutKind.Bottom, k);
    }

    /// <summary>The last <paramref name="k"/> blocks per task, the rest shared (<see cref="SharingPresets.TopSpecific"/>).</summary>
    /// <param name="k">The number of task-specific blocks, at least 0.</param>
    /// <returns>The layout.</returns>
    public static Layout Top(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return new Layout(LayoutKind.Top, k);
    }

    /// <summary>Reads a layout: <c>shared</c>, <c>independent</c>, <c>bottom:k</c>, <c>top:k</c> or <c>norm-only</c> (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="FormatException">The text is none of those; the message lists them.</exception>
    public static Layout Parse(string text) =>
        TryParse(text, out var layout)
            ? layout
            : throw new FormatException($"unknown layout '{text}'; expected shared, independent, norm-only, bottom:k or top:k with k a whole number ≥ 0 (e.g. bottom:3)");

    /// <summary>Reads a layout, or returns false.</summary>
    /// <param name="text">The text.</param>
    /// <param name="layout">The layout, when the text is one.</param>
    /// <returns>Whether the text is a layout.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Layout? layout)
    {
        layout = null;
        var trimmed = text?.Trim().ToLowerInvariant();
        switch (trimmed)
        {
            case null or "":
                return false;
            case "shared":
                layout = Shared;
                return true;
            case "independent":
                layout = Independent;
                return true;
            case "norm-only":
                layout = NormOnly;
                return true;
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(trimmed[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
        {
            return false;
        }

        layout = trimmed[..colon] switch
        {
            "bottom" => Bottom(k),
            "top" => Top(k),
            _ => null,
        };
        return layout is not null;
    }

    /// <summary>The plan this layout describes.</summary>
    /// <param name="tasks">The tasks.</param>
    /// <param name="heads">Makes each task's head.</param>
    /// <returns>The plan.</returns>
    public SharingPlan ToPlan(IEnumerable<string> tasks, Func<string, nn.Module<Tensor, Tensor>> heads) => Kind switch
    {
        LayoutKind.Independent => SharingPresets.Independent(tasks, heads),
        LayoutKind.NormOnly => SharingPresets.NormOnly(tasks, heads),
        LayoutKind.Bottom => SharingPresets.BottomSpecific(tasks, heads, Blocks),
        LayoutKind.Top => SharingPresets.TopSpecific(tasks, heads, Blocks),
        _ => SharingPresets.FullyShared(tasks, heads),
    };

    /// <summary>The layout as <see cref="Parse"/> reads it, e.g. <c>bottom:3</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        LayoutKind.Independent => "independent",
        LayoutKind.NormOnly => "norm-only",
        LayoutKind.Bottom => $"bottom:{Blocks}",
        LayoutKind.Top => $"top:{Blocks}",
        _ => "shared",
    };
}

/// <summary>The kinds of <see cref="Layout"/>.</summary>
public enum LayoutKind
{
    /// <summary>Every layer shared.</summary>
    Shared,

    /// <summary>Every layer per task.</summary>
    Independent,

    /// <summary>Only BatchNorm per task.</summary>
    NormOnly,

    /// <summary>The bottom k blocks per task.</summary>
    Bottom,

    /// <summary>The top k blocks per task.</summary>
    Top,
}
