using System.Globalization;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// A small convolutional network for tests and quick runs: stages features.0, features.1, …, each
/// a Sequential of a 3×3 convolution without bias ("0"), BatchNorm ("1"), ReLU ("2") and a 2×2
/// max-pool ("3"); then global average pooling and the fc head. Convolutions are initialised as
/// ResNet's. Build it with <see cref="Backbone.SmallCnn"/>.
/// </summary>
/// <remarks>Blocks: one per stage (features.0, features.1, …); fc is not a block.</remarks>
public sealed class SmallCnn : BackboneModule
{
    private nn.Module<Tensor, Tensor> features;
    private nn.Module<Tensor, Tensor> avgpool;
    private nn.Module<Tensor, Tensor>? fc;

    internal SmallCnn(SmallCnnOptions options)
        : base(nameof(SmallCnn), "SmallCnn", InputSpec.Image(options.InputChannels), 32, BlockMap(options.Channels.Count), "fc", options.Classes, options.Channels[^1])
    {
        var stages = new List<nn.Module<Tensor, Tensor>>();
        long inChannels = options.InputChannels;
        foreach (var channels in options.Channels)
        {
            stages.Add(nn.Sequential(
                nn.Conv2d(inChannels, channels, 3, padding: 1, bias: false),
                nn.BatchNorm2d(channels),
                nn.ReLU(),
                nn.MaxPool2d(2)));
            inChannels = channels;
        }

        features = nn.Sequential([.. stages]);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = options.Classes is { } classes ? nn.Linear(FeatureCount, classes) : null;
        RegisterComponents();
        Initialisation.ResNetStyle(this);
    }

    private protected override Tensor Run(Tensor input) => Tail(features.call(input));

    private protected override Tensor Tail(Tensor lastBlockOutput)
    {
        var x = avgpool.call(lastBlockOutput).flatten(1);
        return fc is null ? x : fc.call(x);
    }

    private static IReadOnlyList<IReadOnlyList<string>> BlockMap(int stages) =>
        [.. Enumerable.Range(0, stages).Select(i => (IReadOnlyList<string>)["features." + i.ToString(CultureInfo.InvariantCulture)])];
}
