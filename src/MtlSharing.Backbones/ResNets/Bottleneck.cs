using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// ResNet-50's residual block, as torchvision's (stride on the 3×3 convolution, "ResNet V1.5"):
/// conv1 (1×1), bn1, conv2 (3×3, stride s), bn2, conv3 (1×1, 4× the planes), bn3, with relu after
/// bn1, bn2 and the residual sum; the shortcut is the identity or <c>downsample</c>.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>The output channels are 4 times the planes.</summary>
    internal const long Expansion = 4;

    private nn.Module<Tensor, Tensor> conv1;
    private nn.Module<Tensor, Tensor> bn1;
    private nn.Module<Tensor, Tensor> conv2;
    private nn.Module<Tensor, Tensor> bn2;
    private nn.Module<Tensor, Tensor> conv3;
    private nn.Module<Tensor, Tensor> bn3;
    private nn.Module<Tensor, Tensor> relu;
    private nn.Module<Tensor, Tensor>? downsample;

    internal Bottleneck(long inPlanes, long planes, long stride, nn.Module<Tensor, Tensor>? downsample)
        : base(nameof(Bottleneck))
    {
        conv1 = nn.Conv2d(inPlanes, planes, 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = nn.Conv2d(planes, planes * Expansion, 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        relu = nn.ReLU();
        this.downsample = downsample;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        var output = relu.call(bn1.call(conv1.call(input)));
        output = relu.call(bn2.call(conv2.call(output)));
        output = bn3.call(conv3.call(output));
        var identity = downsample is null ? input : downsample.call(input);
        return relu.call(output + identity);
    }
}
