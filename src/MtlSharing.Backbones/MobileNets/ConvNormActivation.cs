using MtlSharing.Torch;
using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>torchvision's Conv2dNormActivation with ReLU6: a Sequential of a bias-free convolution ("0"), BatchNorm ("1") and ReLU6 ("2").</summary>
internal static class ConvNormActivation
{
    /// <summary>A "same"-padded convolution, BatchNorm and ReLU6.</summary>
    public static Sequential Create(long inChannels, long outChannels, long kernelSize = 3, long stride = 1, long groups = 1) =>
        nn.Sequential(
            nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: (kernelSize - 1) / 2, groups: groups, bias: false),
            nn.BatchNorm2d(outChannels),
            nn.ReLU6());

    /// <summary>
    /// A channel count scaled and rounded as torchvision's _make_divisible: to the nearest multiple
    /// of the divisor, at least the divisor, and raised by one divisor if rounding lost over 10%.
    /// </summary>
    public static long MakeDivisible(double value, long divisor = 8)
    {
        var rounded = Math.Max(divisor, (long)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }
}
