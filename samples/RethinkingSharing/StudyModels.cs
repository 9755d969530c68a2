using MtlSharing.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>The backbones the study can use, all with the small-image stem and 3 input channels, headless.</summary>
internal static class StudyModels
{
    public static readonly string[] Backbones = ["resnet18", "mobilenetv2"];

    /// <summary>The headless backbone; it is also an <see cref="IBackbone"/>, which <see cref="FeatureCount"/> reads.</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, int width) => name switch
    {
        "resnet18" => Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Width = width, Classes = null }),
        "mobilenetv2" => Backbone.MobileNetV2(new MobileNetV2Options { Stem = Stem.SmallImage, WidthMultiplier = width / 32.0, Classes = null }),
        _ => throw new ArgumentException($"unknown backbone '{name}'; valid backbones are {string.Join(", ", Backbones)}"),
    };

    /// <summary>The width of the pooled features a backbone from <see cref="Create"/> returns.</summary>
    public static long FeatureCount(nn.Module backbone) => ((IBackbone)backbone).FeatureCount;

    public static nn.Module<Tensor, Tensor> Head(long features) => nn.Linear(features, 10);
}
