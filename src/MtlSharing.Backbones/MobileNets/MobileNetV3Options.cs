namespace MtlSharing.Backbones;

/// <summary>How to build a MobileNetV3 (see <see cref="Backbone.MobileNetV3Small"/>). The defaults give torchvision's model.</summary>
public sealed record MobileNetV3Options
{
    /// <summary>The stem: <see cref="Stem.ImageNet"/> (3×3 stride-2 convolution, the default) or <see cref="Stem.SmallImage"/> (the same convolution with stride 1).</summary>
    public Stem Stem { get; init; } = Stem.ImageNet;

    /// <summary>
    /// The number of classes of the classifier's last Linear layer (1000 as in torchvision), or
    /// null for a headless feature extractor without the classifier.
    /// </summary>
    public int? Classes { get; init; } = 1000;

    /// <summary>The dropout probability before the classifier's last Linear layer (0.2 as in torchvision).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>The channels of the input images (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    internal void Validate()
    {
        OptionChecks.Positive(InputChannels, nameof(InputChannels));
        OptionChecks.Classes(Classes);
        OptionChecks.Probability(Dropout, nameof(Dropout));
        OptionChecks.KnownStem(Stem);
    }
}
