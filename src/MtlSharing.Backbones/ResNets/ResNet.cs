using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// ResNet-18, -34 or -50 with torchvision's module names (conv1, bn1, relu, maxpool,
/// layer1…layer4 of <see cref="BasicBlock"/> or <see cref="Bottleneck"/> blocks, avgpool, fc) and
/// initialisation. Build it with <see cref="Backbone.ResNet18"/>, <see cref="Backbone.ResNet34"/>,
/// <see cref="Backbone.ResNet50"/> or <see cref="Backbone.ResNet(int, ResNetOptions?)"/>.
/// </summary>
/// <remarks>
/// Blocks: block 0 is the stem (conv1, bn1, relu, and maxpool with the ImageNet stem), then one
/// block per residual block: layer1.0, layer1.1, … layer4.1 for ResNet-18. The head fc is not a
/// block. A headless ResNet has no fc and returns the pooled features.
/// </remarks>
public sealed class ResNet : BackboneModule
{
    private nn.Module<Tensor, Tensor> conv1;
    private nn.Module<Tensor, Tensor> bn1;
    private nn.Module<Tensor, Tensor> relu;
    private nn.Module<Tensor, Tensor>? maxpool;
    private nn.Module<Tensor, Tensor> layer1;
    private nn.Module<Tensor, Tensor> layer2;
    private nn.Module<Tensor, Tensor> layer3;
    private nn.Module<Tensor, Tensor> layer4;
    private nn.Module<Tensor, Tensor> avgpool;
    private nn.Module<Tensor, Tensor>? fc;

    internal ResNet(int depth, ResNetOptions options, ResNetLayout layout)
        : base(nameof(ResNet), $"ResNet-{depth}", InputSpec.Image(options.InputChannels), options.Stem == Stem.ImageNet ? 224 : 32, layout.Blocks(options.Stem), "fc", options.Classes, 8L * options.Width * layout.Expansion)
    {
        Depth = depth;
        Stem = options.Stem;
        Width = options.Width;
        long width = options.Width;
        conv1 = Stem == Stem.ImageNet
            ? nn.Conv2d(options.InputChannels, width, 7, stride: 2, padding: 3, bias: false)
            : nn.Conv2d(options.InputChannels, width, 3, stride: 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(width);
        relu = nn.ReLU();
        maxpool = Stem == Stem.ImageNet ? nn.MaxPool2d(3, stride: 2, padding: 1) : null;
        var inPlanes = width;
        layer1 = MakeLayer(layout, ref inPlanes, width, layout.Layers[0], 1);
        layer2 = MakeLayer(layout, ref inPlanes, 2 * width, layout.Layers[1], 2);
        layer3 = MakeLayer(layout, ref inPlanes, 4 * width, layout.Layers[2], 2);
        layer4 = MakeLayer(layout, ref inPlanes, 8 * width, layout.Layers[3], 2);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = options.Classes is { } classes ? nn.Linear(FeatureCount, classes) : null;
        RegisterComponents();
        Initialisation.ResNetStyle(this);
    }

    /// <summary>The depths that can be built: 18, 34 and 50.</summary>
    public static IReadOnlyList<int> SupportedDepths => ResNetLayout.Depths;

    /// <summary>The number of weighted layers: 18, 34 or 50.</summary>
    public int Depth { get; }

    /// <summary>The stem this ResNet was built with.</summary>
    public Stem Stem { get; }

    /// <summary>The base width (64 in torchvision).</summary>
    public int Width { get; }

    private protected override Tensor Run(Tensor input)
    {
        var x = relu.call(bn1.call(conv1.call(input)));
        if (maxpool is not null)
        {
            x = maxpool.call(x);
        }

        return Tail(layer4.call(layer3.call(layer2.call(layer1.call(x)))));
    }

    private protected override Tensor Tail(Tensor lastBlockOutput)
    {
        var x = avgpool.call(lastBlockOutput).flatten(1);
        return fc is null ? x : fc.call(x);
    }

    private static nn.Module<Tensor, Tensor> MakeLayer(ResNetLayout layout, ref long inPlanes, long planes, int count, long stride)
    {
        var outPlanes = planes * layout.Expansion;
        var downsample = stride != 1 || inPlanes != outPlanes
            ? nn.Sequential(nn.Conv2d(inPlanes, outPlanes, 1, stride: stride, bias: false), nn.BatchNorm2d(outPlanes))
            : null;
        var blocks = new List<nn.Module<Tensor, Tensor>> { Block(layout, inPlanes, planes, stride, downsample) };
        inPlanes = outPlanes;
        for (var i = 1; i < count; i++)
        {
            blocks.Add(Block(layout, inPlanes, planes, 1, null));
        }

        return nn.Sequential([.. blocks]);
    }

    private static nn.Module<Tensor, Tensor> Block(ResNetLayout layout, long inPlanes, long planes, long stride, nn.Module<Tensor, Tensor>? downsample) =>
        layout.Bottleneck ? new Bottleneck(inPlanes, planes, stride, downsample) : new BasicBlock(inPlanes, planes, stride, downsample);
}
