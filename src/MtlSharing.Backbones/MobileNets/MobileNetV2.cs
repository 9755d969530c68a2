using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// MobileNetV2 with torchvision's module names (features.0 … features.18, classifier) and
/// initialisation. Build it with <see cref="Backbone.MobileNetV2"/>.
/// </summary>
/// <remarks>
/// Blocks: the stem convolution (features.0), each inverted-residual block (features.1 …
/// features.17), then the last 1×1 convolution (features.18): 19 blocks. The classifier (dropout
/// and Linear) is not a block. A headless MobileNetV2 has no classifier and returns the pooled
/// features.
/// </remarks>
public sealed class MobileNetV2 : BackboneModule
{
    private const long StemChannels = 32;
    private const long LastChannels = 1280;
    private const int BlockCount = 19;

    /// <summary>torchvision's inverted-residual setting: expansion t, channels c, repeats n, first stride s.</summary>
    private static readonly (long T, long C, int N, long S)[] Setting =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    private nn.Module<Tensor, Tensor> features;
    private nn.Module<Tensor, Tensor>? classifier;

    internal MobileNetV2(MobileNetV2Options options)
        : base(nameof(MobileNetV2), "MobileNetV2", InputSpec.Image(options.InputChannels), options.Stem == Stem.ImageNet ? 224 : 32, BlockMap(), "classifier", options.Classes, LastChannelsFor(options.WidthMultiplier))
    {
        Stem = options.Stem;
        WidthMultiplier = options.WidthMultiplier;
        var channels = ConvNormActivation.MakeDivisible(StemChannels * options.WidthMultiplier);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            ConvNormActivation.Create(options.InputChannels, channels, stride: Stem == Stem.ImageNet ? 2 : 1),
        };
        foreach (var (t, c, n, s) in Setting)
        {
            var outChannels = ConvNormActivation.MakeDivisible(c * options.WidthMultiplier);
            for (var i = 0; i < n; i++)
            {
                layers.Add(new InvertedResidual(channels, outChannels, i == 0 ? s : 1, t));
                channels = outChannels;
            }
        }

        layers.Add(ConvNormActivation.Create(channels, FeatureCount, kernelSize: 1));
        features = nn.Sequential([.. layers]);
        classifier = options.Classes is { } classes
            ? nn.Sequential(nn.Dropout(options.Dropout), nn.Linear(FeatureCount, classes))
            : null;
        RegisterComponents();
        Initialisation.MobileNetStyle(this);
    }

    /// <summary>The stem this network was built with.</summary>
    public Stem Stem { get; }

    /// <summary>The width multiplier (1.0 in torchvision).</summary>
    public double WidthMultiplier { get; }

    private protected override Tensor Run(Tensor input) => Tail(features.call(input));

    private protected override Tensor Tail(Tensor lastBlockOutput)
    {
        var x = nn.functional.adaptive_avg_pool2d(lastBlockOutput, [1, 1]).flatten(1);
        return classifier is null ? x : classifier.call(x);
    }

    private static long LastChannelsFor(double widthMultiplier) =>
        ConvNormActivation.MakeDivisible(LastChannels * Math.Max(1.0, widthMultiplier));

    private static IReadOnlyList<IReadOnlyList<string>> BlockMap() =>
        [.. Enumerable.Range(0, BlockCount).Select(i => (IReadOnlyList<string>)[$"features.{i}"])];
}
