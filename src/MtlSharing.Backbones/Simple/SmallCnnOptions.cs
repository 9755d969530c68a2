namespace MtlSharing.Backbones;

/// <summary>How to build a <see cref="SmallCnn"/> (see <see cref="Backbone.SmallCnn"/>).</summary>
public sealed record SmallCnnOptions
{
    /// <summary>The channels of the input images (3 for RGB, 1 for grey-scale).</summary>
    public int InputChannels { get; init; } = 3;

    /// <summary>The output channels of each stage; each stage halves the resolution. Default 32, 64, 128.</summary>
    public IReadOnlyList<int> Channels { get; init; } = [32, 64, 128];

    /// <summary>The number of classes of the fc head (default 10), or null for a headless feature extractor.</summary>
    public int? Classes { get; init; } = 10;

    internal void Validate()
    {
        OptionChecks.Positive(InputChannels, nameof(InputChannels));
        OptionChecks.Sizes(Channels, nameof(Channels));
        OptionChecks.Classes(Classes);
    }
}
