using System.Globalization;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// A multi-layer perceptron for tabular tasks and tests: hidden layers layers.0, layers.1, …, each
/// a Sequential of Linear ("0") and ReLU ("1"), then the fc head. PyTorch's default Linear
/// initialisation. Input [N, features]. Build it with <see cref="Backbone.Mlp"/>.
/// </summary>
/// <remarks>Blocks: one per hidden layer (layers.0, layers.1, …); fc is not a block.</remarks>
public sealed class Mlp : BackboneModule
{
    private nn.Module<Tensor, Tensor> layers;
    private nn.Module<Tensor, Tensor>? fc;

    internal Mlp(MlpOptions options)
        : base(nameof(Mlp), "MLP", InputSpec.Vector(options.InputFeatures), 0, BlockMap(options.Hidden.Count), "fc", options.Classes, options.Hidden[^1])
    {
        var hidden = new List<nn.Module<Tensor, Tensor>>();
        long inFeatures = options.InputFeatures;
        foreach (var width in options.Hidden)
        {
            hidden.Add(nn.Sequential(nn.Linear(inFeatures, width), nn.ReLU()));
            inFeatures = width;
        }

        layers = nn.Sequential([.. hidden]);
        fc = options.Classes is { } classes ? nn.Linear(FeatureCount, classes) : null;
        RegisterComponents();
    }

    private protected override Tensor Run(Tensor input) => Tail(layers.call(input));

    private protected override Tensor Tail(Tensor lastBlockOutput) => fc is null ? lastBlockOutput : fc.call(lastBlockOutput);

    private static IReadOnlyList<IReadOnlyList<string>> BlockMap(int layerCount) =>
        [.. Enumerable.Range(0, layerCount).Select(i => (IReadOnlyList<string>)["layers." + i.ToString(CultureInfo.InvariantCulture)])];
}
