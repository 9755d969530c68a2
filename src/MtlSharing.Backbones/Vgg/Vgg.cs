using MtlSharing.Modules;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// VGG-11, -13, -16 or -19 with batch normalisation (torchvision's vgg11_bn … vgg19_bn):
/// TorchVision's <see cref="TorchSharp.Modules.VGG"/>, with its module names (features.0 …,
/// avgpool, classifier) and forward pass, plus the block map, costs, input checks and pretrained
/// loading of <see cref="IBackbone"/>. Build it with <see cref="Backbone.Vgg"/>,
/// <see cref="Backbone.Vgg11Bn"/> or <see cref="Backbone.Vgg16Bn"/>.
/// </summary>
/// <remarks>
/// The head is the whole classifier (Linear 25088→4096, ReLU, Dropout, Linear 4096→4096, ReLU,
/// Dropout, Linear 4096→classes), which holds most of VGG's parameters; a headless VGG has an
/// <c>Identity</c> classifier and returns the pooled 512×7×7 features, flattened (25,088).
/// Initialisation is torchvision's, draw for draw after the same seed.
/// <para>
/// Blocks: one per convolution, with its BatchNorm and ReLU and the max-pool that follows it, if
/// any: features.0, features.1, features.2 (and features.3, a max-pool, for VGG-11) form block 0.
/// VGG-11 has 8 blocks, VGG-13 10, VGG-16 13, VGG-19 16.
/// </para>
/// </remarks>
public sealed class Vgg : TorchSharp.Modules.VGG, IBackbone
{
    private static readonly int[] Depths = [11, 13, 16, 19];

    private readonly BackboneLayout layout;

    internal Vgg(int depth, VggOptions options)
        : this(depth, options, Initialisation.Snapshot())
    {
    }

    private Vgg(int depth, VggOptions options, Tensor generatorBefore)
        : base($"VGG{depth}", options.Classes ?? 1, batch_norm: true, dropout: (float)options.Dropout)
    {
        Depth = depth;
        if (options.InputChannels != 3)
        {
            var old = (TorchSharp.Modules.Conv2d)this.GetSubmodule("features.0");
            this.SetSubmodule("features.0", nn.Conv2d(options.InputChannels, old.out_channels, 3, padding: 1));
            old.Dispose();
        }

        var features = ((TorchSharp.Modules.Linear)this.GetSubmodule("classifier.0")).in_features;
        if (options.Classes is null)
        {
            var old = this.GetSubmodule("classifier");
            this.SetSubmodule("classifier", nn.Identity());
            old.Dispose();
        }

        layout = new BackboneLayout($"VGG-{depth}-BN", InputSpec.Image(options.InputChannels), 224, BlockMap(this), "classifier", options.Classes, features);
        Initialisation.Apply(this, Initialisation.Style.Vgg, generatorBefore);
    }

    /// <summary>The depths that can be built: 11, 13, 16 and 19.</summary>
    public static IReadOnlyList<int> SupportedDepths => Depths;

    /// <summary>The number of weighted layers: 11, 13, 16 or 19.</summary>
    public int Depth { get; }

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

    /// <summary>Checks the input's rank and channel count, then runs TorchVision's forward pass.</summary>
    /// <param name="input">A batch [N, C, H, W].</param>
    /// <returns>Logits, or features when headless.</returns>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count; the message names the expected shape.</exception>
    public override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return base.forward(input);
    }

    /// <inheritdoc/>
    public void CheckInput(Tensor input) => layout.Input.Check(input, Title);

    /// <summary>avgpool, flattening and the classifier (an <c>Identity</c> when headless), as TorchVision's forward pass runs them after features.</summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var pooled = ((nn.Module<Tensor, Tensor>)this.GetSubmodule("avgpool")).call(features).flatten(1);
        return ((nn.Module<Tensor, Tensor>)this.GetSubmodule("classifier")).call(pooled);
    }

    /// <summary>Throws unless VGG can be built at this depth.</summary>
    internal static void CheckDepth(int depth)
    {
        if (!Depths.Contains(depth))
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"unsupported VGG depth {depth}; supported depths are {string.Join(", ", Depths)}");
        }
    }

    /// <summary>One block per convolution of features, holding the layers up to the next convolution.</summary>
    private static IReadOnlyList<IReadOnlyList<string>> BlockMap(nn.Module model)
    {
        var blocks = new List<List<string>>();
        foreach (var (name, module) in model.GetSubmodule("features").named_children())
        {
            if (module is TorchSharp.Modules.Conv2d)
            {
                blocks.Add([]);
            }

            blocks[^1].Add("features." + name);
        }

        return [.. blocks.Select(b => (IReadOnlyList<string>)b.AsReadOnly())];
    }
}
