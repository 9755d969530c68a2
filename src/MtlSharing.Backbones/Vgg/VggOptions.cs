namespace MtlSharing.Backbones;

/// <summary>How to build a VGG with batch normalisation (see <see cref="Backbone.Vgg"/>). The defaults give torchvision's model.</summary>
public sealed record VggOptions
{
    /// <summary>The number of classes of the classifier's last Linear layer (1000 as in torchvision), or null for a headless feature extractor without the classifier.</summary>
    public int? Classes { get; init; } = 1000;

    /// <summary>The dropout probability of the classifier's two Dropout layers (0.5 as in torchvision).</summary>
    public double Dropout { get; init; } = 0.5;

    /// <summary>The channels of the input images (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    internal void Validate()
    {
        OptionChecks.Positive(InputChannels, nameof(InputChannels));
        OptionChecks.Classes(Classes);
        OptionChecks.Probability(Dropout, nameof(Dropout));
    }
}
