using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// MobileNetV2: TorchVision's network, with its module names (features.0 … features.18,
/// classifier), plus the block map, costs, input checks and pretrained loading of
/// <see cref="IBackbone"/>. Build it with <see cref="Backbone.MobileNetV2"/>.
/// </summary>
/// <remarks>
/// TorchVision's <see cref="TorchSharp.Modules.MobileNetV2"/> has an internal constructor, so this
/// class builds it with <c>torchvision.models.mobilenet_v2</c> and adopts its <c>features</c> and
/// <c>classifier</c>; its forward pass is TorchVision's (features, global average pooling,
/// flattening, classifier). The small-image stem gives the stem convolution (features.0.0) stride
/// 1; a headless MobileNetV2 has an <c>Identity</c> classifier and returns the pooled features.
/// Initialisation is torchvision's, draw for draw after the same seed.
/// <para>
/// Blocks: the stem convolution (features.0), each inverted-residual block (features.1 …
/// features.17), then the last 1×1 convolution (features.18): 19 blocks. The classifier (dropout
/// and Linear) is not a block.
/// </para>
/// </remarks>
public sealed class MobileNetV2 : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly BackboneLayout layout;
    private nn.Module<Tensor, Tensor> features;
    private nn.Module<Tensor, Tensor> classifier;

    internal MobileNetV2(MobileNetV2Options options)
        : this(options, Initialisation.Snapshot())
    {
    }

    private MobileNetV2(MobileNetV2Options options, Tensor generatorBefore)
        : base(nameof(MobileNetV2))
    {
        Stem = options.Stem;
        WidthMultiplier = options.WidthMultiplier;
        var network = TorchSharp.torchvision.models.mobilenet_v2(num_classes: options.Classes ?? 1, width_mult: options.WidthMultiplier, dropout: options.Dropout);
        features = TorchVisionParts.Child(network, "features");
        classifier = TorchVisionParts.Child(network, "classifier");
        RegisterComponents();
        TorchVisionParts.ReplaceStemConvolution(this, Stem, options.InputChannels);
        if (options.Classes is null)
        {
            TorchVisionParts.Replace(this, "classifier", nn.Identity());
        }

        layout = new BackboneLayout("MobileNetV2", InputSpec.Image(options.InputChannels), Stem == Stem.ImageNet ? 224 : 32, TorchVisionParts.FeatureBlocks(this), "classifier", options.Classes, TorchVisionParts.FeatureChannels(this));
        Initialisation.Apply(this, Initialisation.Style.MobileNet, generatorBefore);
    }

    /// <summary>The stem this network was built with.</summary>
    public Stem Stem { get; }

    /// <summary>The width multiplier (1.0 in torchvision).</summary>
    public double WidthMultiplier { get; }

    /// <inheritdoc/>
    public string Title => layout.Title;

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> Blocks => layout.Blocks;

    /// <inheritdoc/>
    public string HeadName => layout.HeadName;

    /// <inheritdoc/>
    public int? Classes => layout.Classes;

    /// <inheritdoc/>
    public long FeatureCount => layout.FeatureCount;

    /// <inheritdoc/>
    public string ExpectedInputShape => layout.Input.Text;

    /// <inheritdoc/>
    public IReadOnlyList<long> DefaultSampleShape => layout.DefaultSampleShape;

    /// <summary>Checks the input's rank and channel count, then runs TorchVision's forward pass.</summary>
    /// <param name="input">A batch [N, C, H, W].</param>
    /// <returns>Logits, or features when headless.</returns>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count; the message names the expected shape.</exception>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return ForwardTail(features.call(input));
    }

    /// <inheritdoc/>
    public void CheckInput(Tensor input) => layout.Input.Check(input, Title);

    /// <summary>Global average pooling, flattening and the classifier (an <c>Identity</c> when headless).</summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return classifier.call(nn.functional.adaptive_avg_pool2d(features, [1, 1]).flatten(1));
    }
}
