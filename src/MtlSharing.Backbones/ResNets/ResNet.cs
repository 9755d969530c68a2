using MtlSharing.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// ResNet-18, -34 or -50: TorchVision's <see cref="TorchSharp.Modules.ResNet"/>, with its module
/// names (conv1, bn1, relu, maxpool, layer1…layer4 of TorchVision's BasicBlock or Bottleneck
/// blocks, avgpool, flatten, fc) and forward pass, plus the block map, costs, input checks and
/// pretrained loading of <see cref="IBackbone"/>. Build it with <see cref="Backbone.ResNet18"/>,
/// <see cref="Backbone.ResNet34"/>, <see cref="Backbone.ResNet50"/> or
/// <see cref="Backbone.ResNet(int, ResNetOptions?)"/>.
/// </summary>
/// <remarks>
/// The options' variants are made by replacing TorchVision's modules after it has built them:
/// the small-image stem is a 3×3 stride-1 conv1 and an <c>Identity</c> maxpool; a headless ResNet
/// has an <c>Identity</c> fc, so its forward pass returns the pooled features. Other widths scale
/// every layer's channels (TorchVision's blocks are built at the scaled width). Initialisation is
/// torchvision's, draw for draw after the same seed.
/// <para>
/// Blocks: block 0 is the stem (conv1, bn1, relu, and maxpool with the ImageNet stem), then one
/// block per residual block: layer1.0, layer1.1, … layer4.1 for ResNet-18. The head fc is not a block.
/// </para>
/// </remarks>
public sealed class ResNet : TorchSharp.Modules.ResNet, IBackbone
{
    private const int TorchVisionWidth = 64;

    private readonly BackboneLayout layout;

    internal ResNet(int depth, ResNetOptions options, ResNetLayout resnet)
        : this(depth, options, resnet, Initialisation.Snapshot())
    {
    }

    private ResNet(int depth, ResNetOptions options, ResNetLayout resnet, Tensor generatorBefore)
        : base($"ResNet{depth}", BlockFactory(resnet, options.Width), resnet.Expansion, resnet.Layers, options.Classes ?? 1, norm_layer: Norm(options.Width))
    {
        Depth = depth;
        Stem = options.Stem;
        Width = options.Width;
        long width = options.Width;
        if (Stem == Stem.SmallImage || Width != TorchVisionWidth || options.InputChannels != 3)
        {
            Replace("conv1", Stem == Stem.ImageNet
                ? nn.Conv2d(options.InputChannels, width, 7, stride: 2, padding: 3, bias: false)
                : nn.Conv2d(options.InputChannels, width, 3, stride: 1, padding: 1, bias: false));
        }

        if (Stem == Stem.SmallImage)
        {
            Replace("maxpool", nn.Identity());
        }

        var features = 8L * width * resnet.Expansion;
        if (options.Classes is not { } classes)
        {
            Replace("fc", nn.Identity());
        }
        else if (Width != TorchVisionWidth)
        {
            Replace("fc", nn.Linear(features, classes));
        }

        layout = new BackboneLayout($"ResNet-{depth}", InputSpec.Image(options.InputChannels), Stem == Stem.ImageNet ? 224 : 32, resnet.Blocks(Stem), "fc", options.Classes, features);
        Initialisation.Apply(this, Initialisation.Style.ResNet, generatorBefore);
    }

    /// <summary>The depths that can be built: 18, 34 and 50.</summary>
    public static IReadOnlyList<int> SupportedDepths => ResNetLayout.Depths;

    /// <summary>The number of weighted layers: 18, 34 or 50.</summary>
    public int Depth { get; }

    /// <summary>The stem this ResNet was built with.</summary>
    public Stem Stem { get; }

    /// <summary>The base width (64 in torchvision).</summary>
    public int Width { get; }

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
        return base.forward(input);
    }

    /// <inheritdoc/>
    public void CheckInput(Tensor input) => layout.Input.Check(input, Title);

    /// <summary>avgpool, flatten and fc (an <c>Identity</c> when headless), as TorchVision's forward pass runs them after layer4.</summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Child("fc").call(Child("flatten").call(Child("avgpool").call(features)));
    }

    /// <summary>The factory TorchVision's constructor calls for each block: TorchVision's own block, with every width scaled.</summary>
    private static BlockFunc BlockFactory(ResNetLayout resnet, int width) =>
        (inPlanes, planes, stride, downsample, groups, baseWidth, dilation, _) =>
        {
            if (downsample is not null && width != TorchVisionWidth)
            {
                // TorchVision builds the downsample convolution at its own width; its BatchNorm comes from Norm, already scaled.
                var old = downsample.GetSubmodule("0");
                downsample.SetSubmodule("0", nn.Conv2d(Scale(inPlanes, width), Scale(planes * resnet.Expansion, width), 1, stride: stride, bias: false));
                old.Dispose();
            }

            return TorchVisionBlocks.Create(resnet.Bottleneck, Scale(inPlanes, width), Scale(planes, width), stride, downsample, groups, baseWidth, dilation);
        };

    /// <summary>BatchNorm for TorchVision's stem and downsample layers, at the scaled width.</summary>
    private static Func<int, nn.Module<Tensor, Tensor>> Norm(int width) => channels => nn.BatchNorm2d(Scale(channels, width));

    /// <summary>TorchVision's channel counts are multiples of 64; a width of w scales them by w / 64.</summary>
    private static int Scale(int channels, int width) => channels / TorchVisionWidth * width;

    private nn.Module<Tensor, Tensor> Child(string name) => (nn.Module<Tensor, Tensor>)this.GetSubmodule(name);

    private void Replace(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var old = this.GetSubmodule(name);
        this.SetSubmodule(name, replacement);
        old.Dispose();
    }
}
