using MtlSharing.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// MobileNetV3, small or large: TorchVision's network, with its module names (features.0 …,
/// avgpool, classifier), plus the block map, costs, input checks and pretrained loading of
/// <see cref="IBackbone"/>. Build it with <see cref="Backbone.MobileNetV3Small"/> or
/// <see cref="Backbone.MobileNetV3Large"/>.
/// </summary>
/// <remarks>
/// TorchVision's <see cref="TorchSharp.Modules.MobileNetV3"/> has an internal constructor, so this
/// class builds it with <c>torchvision.models.mobilenet_v3_small()</c> or <c>_large()</c> and
/// adopts its <c>features</c>, <c>avgpool</c> and <c>classifier</c>; its forward pass is
/// TorchVision's. Other class counts replace the classifier's last Linear layer (classifier.3);
/// a headless MobileNetV3 has an <c>Identity</c> classifier and returns the pooled features
/// (576 for small, 960 for large). The small-image stem gives the stem convolution (features.0.0)
/// stride 1. Initialisation is torchvision's, draw for draw after the same seed.
/// <para>
/// TorchVision 0.107 gives each squeeze-and-excitation layer a ReLU6 where torchvision has a ReLU
/// (<c>features.N.block.K.activation</c>); the two differ wherever the squeeze exceeds 6, which
/// pretrained weights reach. This class puts torchvision's ReLU there, so outputs equal PyTorch's.
/// </para>
/// <para>
/// Blocks: the stem (features.0), each inverted residual, then the last 1×1 convolution: 13 blocks
/// for small, 17 for large. The classifier (Linear, Hardswish, Dropout, Linear) is the head.
/// </para>
/// </remarks>
public sealed class MobileNetV3 : nn.Module<Tensor, Tensor>, IBackbone
{
    private const int TorchVisionClasses = 1000;
    private const double TorchVisionDropout = 0.2;

    private readonly BackboneLayout layout;
    private nn.Module<Tensor, Tensor> features;
    private nn.Module<Tensor, Tensor> avgpool;
    private nn.Module<Tensor, Tensor> classifier;

    internal MobileNetV3(MobileNetV3Size size, MobileNetV3Options options)
        : this(size, options, Initialisation.Snapshot())
    {
    }

    private MobileNetV3(MobileNetV3Size size, MobileNetV3Options options, Tensor generatorBefore)
        : base(nameof(MobileNetV3))
    {
        Size = size;
        Stem = options.Stem;
        var network = size == MobileNetV3Size.Small ? TorchSharp.torchvision.models.mobilenet_v3_small() : TorchSharp.torchvision.models.mobilenet_v3_large();
        features = TorchVisionParts.Child(network, "features");
        avgpool = TorchVisionParts.Child(network, "avgpool");
        classifier = TorchVisionParts.Child(network, "classifier");
        RegisterComponents();
        UseTorchvisionSqueezeActivation();
        TorchVisionParts.ReplaceStemConvolution(this, Stem, options.InputChannels);
        if (options.Classes is not { } classes)
        {
            TorchVisionParts.Replace(this, "classifier", nn.Identity());
        }
        else
        {
            if (classes != TorchVisionClasses)
            {
                var last = (TorchSharp.Modules.Linear)this.GetSubmodule("classifier.3");
                TorchVisionParts.Replace(this, "classifier.3", nn.Linear(last.in_features, classes));
            }

            if (options.Dropout != TorchVisionDropout)
            {
                TorchVisionParts.Replace(this, "classifier.2", nn.Dropout(options.Dropout, inplace: true));
            }
        }

        var title = size == MobileNetV3Size.Small ? "MobileNetV3-Small" : "MobileNetV3-Large";
        layout = new BackboneLayout(title, InputSpec.Image(options.InputChannels), Stem == Stem.ImageNet ? 224 : 32, TorchVisionParts.FeatureBlocks(this), "classifier", options.Classes, TorchVisionParts.FeatureChannels(this));
        Initialisation.Apply(this, Initialisation.Style.MobileNet, generatorBefore);
    }

    /// <summary>Small or large.</summary>
    public MobileNetV3Size Size { get; }

    /// <summary>The stem this network was built with.</summary>
    public Stem Stem { get; }

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

    /// <summary>avgpool, flattening and the classifier (an <c>Identity</c> when headless).</summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return classifier.call(avgpool.call(features).flatten(1));
    }

    /// <summary>Replaces the ReLU6 that TorchVision 0.107 puts in each squeeze-and-excitation layer with torchvision's ReLU.</summary>
    private void UseTorchvisionSqueezeActivation()
    {
        var squeezes = this.NamedModulesDepthFirst()
            .Where(m => m.Module is TorchSharp.torchvision.SqueezeExcitation)
            .Select(m => m.Path + ".activation")
            .Where(path => this.GetSubmodule(path) is TorchSharp.Modules.ReLU6)
            .ToList();
        squeezes.ForEach(path => TorchVisionParts.Replace(this, path, nn.ReLU()));
    }
}
