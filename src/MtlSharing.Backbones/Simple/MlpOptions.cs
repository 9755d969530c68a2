namespace MtlSharing.Backbones;

/// <summary>How to build an <see cref="Mlp"/> (see <see cref="Backbone.Mlp"/>).</summary>
public sealed record MlpOptions
{
    /// <summary>The length of each input vector.</summary>
    public required int InputFeatures { get; init; }

    /// <summary>The width of each hidden layer, at least one. Default 256, 256.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [256, 256];

    /// <summary>The number of classes (or outputs) of the fc head (default 10), or null for a headless feature extractor.</summary>
    public int? Classes { get; init; } = 10;

    internal void Validate()
    {
        OptionChecks.Positive(InputFeatures, nameof(InputFeatures));
        OptionChecks.Sizes(Hidden, nameof(Hidden));
        OptionChecks.Classes(Classes);
    }
}
