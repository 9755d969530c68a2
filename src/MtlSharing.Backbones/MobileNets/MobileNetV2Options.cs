namespace MtlSharing.Backbones;

/// <summary>How to build a MobileNetV2 (see <see cref="Backbone.MobileNetV2"/>). The defaults give torchvision's model.</summary>
public sealed record MobileNetV2Options
{
    /// <summary>The stem: <see cref="Stem.ImageNet"/> (3×3 stride-2 convolution, the default) or <see cref="Stem.SmallImage"/> (the same convolution with stride 1).</summary>
    public Stem Stem { get; init; } = Stem.ImageNet;

    /// <summary>
    /// Scales every layer's channels, rounded to a multiple of 8 as torchvision does (never below 8,
    /// nor more than 10% below the scaled value). The last convolution keeps 1280 channels unless
    /// the multiplier exceeds 1.
    /// </summary>
    public double WidthMultiplier { get; init; } = 1.0;

    /// <summary>The number of classes of the classifier (1000 as in torchvision), or null for a headless feature extractor.</summary>
    public int? Classes { get; init; } = 1000;

    /// <summary>The dropout probability before the classifier's Linear layer (0.2 as in torchvision).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>The channels of the input images (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    internal void Validate()
    {
        OptionChecks.Positive(WidthMultiplier, nameof(WidthMultiplier));
        OptionChecks.Positive(InputChannels, nameof(InputChannels));
        OptionChecks.Classes(Classes);
        OptionChecks.Probability(Dropout, nameof(Dropout));
        OptionChecks.KnownStem(Stem);
    }
}
