using System.Globalization;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// A small convolutional network for tests and quick runs: stages features.0, features.1, …, each
/// a Sequential of a 3×3 convolution without bias ("0"), BatchNorm ("1"), ReLU ("2") and a 2×2
/// max-pool ("3"); then global average pooling and the fc head (an <c>Identity</c> when headless).
/// Convolutions are initialised as ResNet's. Build it with <see cref="Backbone.SmallCnn"/>.
/// </summary>
/// <remarks>Blocks: one per stage (features.0, features.1, …); fc is not a block.</remarks>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>, IBackbone
{
    private readonly BackboneLayout layout;
    private nn.Module<Tensor, Tensor> features;
    private nn.Module<Tensor, Tensor> avgpool;
    private nn.Module<Tensor, Tensor> fc;

    internal SmallCnn(SmallCnnOptions options)
        : base(nameof(SmallCnn))
    {
        var generatorBefore = Initialisation.Snapshot();
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
        fc = options.Classes is { } classes ? nn.Linear(inChannels, classes) : nn.Identity();
        RegisterComponents();
        layout = new BackboneLayout("SmallCnn", InputSpec.Image(options.InputChannels), 32, BlockMap(options.Channels.Count), "fc", options.Classes, inChannels);
        Initialisation.Apply(this, Initialisation.Style.ResNet, generatorBefore);
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

    /// <summary>Checks the input's rank and channel count, then runs the stages and the tail.</summary>
    /// <param name="input">A batch [N, C, H, W].</param>
    /// <returns>Logits, or features when headless.</returns>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count; the message names the expected shape.</exception>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return ForwardTail(features.call(input));
    }

    /// <inheritdoc/>
    public void CheckInput(Tensor input) => layout.Input.Check(input, Title);

    /// <summary>Global average pooling, flattening and fc.</summary>
    /// <param name="features">The output of the last stage.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return fc.call(avgpool.call(features).flatten(1));
    }

    private static IReadOnlyList<IReadOnlyList<string>> BlockMap(int stages) =>
        [.. Enumerable.Range(0, stages).Select(i => (IReadOnlyList<string>)["features." + i.ToString(CultureInfo.InvariantCulture)])];
}
