using System.Globalization;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// A multi-layer perceptron for tabular tasks and tests: hidden layers layers.0, layers.1, …, each
/// a Sequential of Linear ("0") and ReLU ("1"), then the fc head (an <c>Identity</c> when
/// headless). PyTorch's default Linear initialisation. Input [N, features]. Build it with
/// <see cref="Backbone.Mlp"/>.
/// </summary>
/// <remarks>Blocks: one per hidden layer (layers.0, layers.1, …); fc is not a block.</remarks>
public sealed class Mlp : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly BackboneLayout layout;
    private nn.Module<Tensor, Tensor> layers;
    private nn.Module<Tensor, Tensor> fc;

    internal Mlp(MlpOptions options)
        : base(nameof(Mlp))
    {
        var hidden = new List<nn.Module<Tensor, Tensor>>();
        long inFeatures = options.InputFeatures;
        foreach (var width in options.Hidden)
        {
            hidden.Add(nn.Sequential(nn.Linear(inFeatures, width), nn.ReLU()));
            inFeatures = width;
        }

        layers = nn.Sequential([.. hidden]);
        fc = options.Classes is { } classes ? nn.Linear(inFeatures, classes) : nn.Identity();
        RegisterComponents();
        layout = new BackboneLayout("MLP", InputSpec.Vector(options.InputFeatures), 0, BlockMap(options.Hidden.Count), "fc", options.Classes, inFeatures);
    }

    /// <inheritdoc/>
    public string Title => layout.Title;

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyList<string>> Blocks => layout.Blocks;

    /// <inheritdoc/>
    public string HeadName => layout.HeadName;

    /// <inheritdoc/>
    public int? Classes => layout.Classes;

    /// <inheritdoc/>
    public long FeatureCount => layout.FeatureCount;

    /// <inheritdoc/>
    public string ExpectedInputShape => layout.Input.Text;

    /// <inheritdoc/>
    public IReadOnlyList<long> DefaultSampleShape => layout.DefaultSampleShape;

    /// <summary>Checks the input's rank and feature count, then runs the hidden layers and fc.</summary>
    /// <param name="input">A batch [N, F].</param>
    /// <returns>Outputs, or the last hidden layer's when headless.</returns>
    /// <exception cref="ArgumentException">The input has the wrong rank or feature count; the message names the expected shape.</exception>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return ForwardTail(layers.call(input));
    }

    /// <inheritdoc/>
    public void CheckInput(Tensor input) => layout.Input.Check(input, Title);

    /// <summary>The fc head (an <c>Identity</c> when headless).</summary>
    /// <param name="features">The output of the last hidden layer.</param>
    /// <returns>Outputs, or the features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return fc.call(features);
    }

    private static IReadOnlyList<IReadOnlyList<string>> BlockMap(int layerCount) =>
        [.. Enumerable.Range(0, layerCount).Select(i => (IReadOnlyList<string>)["layers." + i.ToString(CultureInfo.InvariantCulture)])];
}
