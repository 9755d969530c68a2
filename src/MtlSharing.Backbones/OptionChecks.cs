namespace MtlSharing.Backbones;

/// <summary>Guard clauses for backbone options; messages name the option and the valid range.</summary>
internal static class OptionChecks
{
    public static void Positive(long value, string option)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be positive; got {value}");
        }
    }

    public static void Positive(double value, string option)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be a positive finite number; got {value}");
        }
    }

    public static void Classes(int? classes)
    {
        if (classes is { } count && count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), count, $"Classes must be positive, or null for a headless backbone; got {count}");
        }
    }

    public static void Probability(double value, string option)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be in [0, 1); got {value}");
        }
    }

    public static void Sizes(IReadOnlyList<int> sizes, string option)
    {
        ArgumentNullException.ThrowIfNull(sizes, option);
        if (sizes.Count == 0)
        {
            throw new ArgumentException($"{option} must list at least one size", option);
        }

        foreach (var size in sizes)
        {
            Positive(size, option);
        }
    }

    public static void KnownStem(Stem stem)
    {
        if (!Enum.IsDefined(stem))
        {
            throw new ArgumentOutOfRangeException(nameof(Stem), stem, $"Stem must be ImageNet or SmallImage; got {stem}");
        }
    }
}
