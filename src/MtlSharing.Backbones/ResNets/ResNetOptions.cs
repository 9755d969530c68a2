namespace MtlSharing.Backbones;

/// <summary>How to build a ResNet (see <see cref="Backbone.ResNet18"/>). The defaults give torchvision's model.</summary>
public sealed record ResNetOptions
{
    /// <summary>The stem: <see cref="Stem.ImageNet"/> (7×7 stride-2 convolution and max-pool, the default) or <see cref="Stem.SmallImage"/> (3×3 stride-1 convolution, no max-pool).</summary>
    public Stem Stem { get; init; } = Stem.ImageNet;

    /// <summary>
    /// The base width: the stem's output channels and the planes of layer1; layer2, layer3 and
    /// layer4 use 2, 4 and 8 times as many (times 4 at each Bottleneck's output). torchvision uses 64.
    /// </summary>
    public int Width { get; init; } = 64;

    /// <summary>The number of classes of the fc head (1000 as in torchvision), or null for a headless feature extractor.</summary>
    public int? Classes { get; init; } = 1000;

    /// <summary>The channels of the input images (3 for RGB).</summary>
    public int InputChannels { get; init; } = 3;

    internal void Validate()
    {
        OptionChecks.Positive(Width, nameof(Width));
        OptionChecks.Positive(InputChannels, nameof(InputChannels));
        OptionChecks.Classes(Classes);
        OptionChecks.KnownStem(Stem);
    }
}
