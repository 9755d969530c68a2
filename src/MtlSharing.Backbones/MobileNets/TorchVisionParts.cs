using MtlSharing.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// Helpers for the backbones that adopt the children of a TorchVision network. TorchVision 0.107's
/// <c>MobileNetV2</c> and <c>MobileNetV3</c> have internal constructors, so they cannot be derived
/// from; our classes build TorchVision's network with its public factory and register its
/// children (<c>features</c>, <c>classifier</c>, …) as their own, under the same names.
/// </summary>
internal static class TorchVisionParts
{
    /// <summary>The child called <paramref name="name"/> of a TorchVision network.</summary>
    /// <exception cref="InvalidOperationException">TorchVision's network has no such child.</exception>
    public static nn.Module<Tensor, Tensor> Child(nn.Module network, string name) =>
        network.named_children().FirstOrDefault(c => c.name == name).module as nn.Module<Tensor, Tensor>
        ?? throw new InvalidOperationException(
            $"TorchVision's {network.GetName()} has no child '{name}' (it has {string.Join(", ", network.named_children().Select(c => c.name))}); MtlSharing.Backbones expects TorchVision 0.107's module names");

    /// <summary>
    /// Replaces the first convolution of a MobileNet stem (<c>features.0.0</c>) for the small-image
    /// stem (stride 1) or another number of input channels, keeping its output channels, kernel
    /// and padding.
    /// </summary>
    public static void ReplaceStemConvolution(nn.Module model, Stem stem, int inputChannels)
    {
        var old = (Conv2d)model.GetSubmodule("features.0.0");
        var stride = stem == Stem.SmallImage ? 1 : old.stride[0];
        if (stride == old.stride[0] && inputChannels == old.in_channels)
        {
            return;
        }

        model.SetSubmodule("features.0.0", nn.Conv2d(inputChannels, old.out_channels, old.kernel_size[0], stride: stride, padding: old.padding![0], bias: false));
        old.Dispose();
    }

    /// <summary>Replaces a submodule and disposes the old one.</summary>
    public static void Replace(nn.Module model, string path, nn.Module replacement)
    {
        var old = model.GetSubmodule(path);
        model.SetSubmodule(path, replacement);
        old.Dispose();
    }

    /// <summary>The output channels of the last convolution of <c>features</c>: the width of the pooled features.</summary>
    public static long FeatureChannels(nn.Module model) =>
        model.GetSubmodule("features").NamedModulesDepthFirst().Select(m => m.Module).OfType<Conv2d>().Last().out_channels;

    /// <summary>One block per child of <c>features</c>: features.0, features.1, ….</summary>
    public static IReadOnlyList<IReadOnlyList<string>> FeatureBlocks(nn.Module model) =>
        [.. model.GetSubmodule("features").named_children().Select(c => (IReadOnlyList<string>)[$"features.{c.name}"])];
}
