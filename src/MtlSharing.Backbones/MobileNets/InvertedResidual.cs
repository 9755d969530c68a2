using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// MobileNetV2's block, as torchvision's: <c>conv</c> is a Sequential of a 1×1 expansion
/// (Conv-BN-ReLU6, omitted when the expansion ratio is 1), a 3×3 depthwise Conv-BN-ReLU6 with the
/// stride, a 1×1 linear projection and BatchNorm. The input is added to the output when the stride
/// is 1 and the channel count is unchanged.
/// </summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    private nn.Module<Tensor, Tensor> conv;

    internal InvertedResidual(long inChannels, long outChannels, long stride, long expandRatio)
        : base(nameof(InvertedResidual))
    {
        var hidden = inChannels * expandRatio;
        UsesResidual = stride == 1 && inChannels == outChannels;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expandRatio != 1)
        {
            layers.Add(ConvNormActivation.Create(inChannels, hidden, kernelSize: 1));
        }

        layers.Add(ConvNormActivation.Create(hidden, hidden, stride: stride, groups: hidden));
        layers.Add(nn.Conv2d(hidden, outChannels, 1, bias: false));
        layers.Add(nn.BatchNorm2d(outChannels));
        conv = nn.Sequential([.. layers]);
        RegisterComponents();
    }

    /// <summary>Whether the block adds its input to its output (stride 1, same channel count).</summary>
    public bool UsesResidual { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => UsesResidual ? input + conv.call(input) : conv.call(input);
}
