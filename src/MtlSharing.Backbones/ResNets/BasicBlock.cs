using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// ResNet-18/34's residual block, as torchvision's: conv1 (3×3, stride s), bn1, relu, conv2 (3×3),
/// bn2, plus the shortcut (identity, or <c>downsample</c>: a 1×1 stride-s convolution and
/// BatchNorm when the shape changes), then relu.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>The output channels are the planes (expansion 1).</summary>
    internal const long Expansion = 1;

    private nn.Module<Tensor, Tensor> conv1;
    private nn.Module<Tensor, Tensor> bn1;
    private nn.Module<Tensor, Tensor> relu;
    private nn.Module<Tensor, Tensor> conv2;
    private nn.Module<Tensor, Tensor> bn2;
    private nn.Module<Tensor, Tensor>? downsample;

    internal BasicBlock(long inPlanes, long planes, long stride, nn.Module<Tensor, Tensor>? downsample)
        : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        relu = nn.ReLU();
        conv2 = nn.Conv2d(planes, planes, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var output = relu.call(bn1.call(conv1.call(input)));
        output = bn2.call(conv2.call(output));
        var identity = downsample is null ? input : downsample.call(input);
        return relu.call(output + identity);
    }
}
