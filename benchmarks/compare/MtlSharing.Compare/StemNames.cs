using MtlSharing.Backbones;

namespace MtlSharing.Compare;

/// <summary>
/// The stems the comparison runs, under the names pytorch_side.py and the JSON lines use for them:
/// <c>small</c> is <see cref="Stem.SmallImage"/> (3×3 stride-1 conv1, no max-pool) and
/// <c>standard</c> is torchvision's own stem, which MtlSharing calls <see cref="Stem.ImageNet"/>
/// (7×7 stride-2 conv1 and max-pool). The command line says "standard" because the comparison runs
/// it at whatever image size is asked, not only ImageNet's 224×224.
/// </summary>
internal static class StemNames
{
    public const string Small = "small";
    public const string Standard = "standard";

    /// <summary>The stem of a <c>--stem</c> value; anything else is a usage error naming the two.</summary>
    public static Stem Parse(string name) => name switch
    {
        Small => Stem.SmallImage,
        Standard => Stem.ImageNet,
        _ => throw new UsageException($"--stem must be {Small} or {Standard}; got '{name}'"),
    };

    /// <summary>The name of a stem in the JSON lines, as pytorch_side.py writes it.</summary>
    public static string Name(Stem stem) => stem == Stem.ImageNet ? Standard : Small;
}
