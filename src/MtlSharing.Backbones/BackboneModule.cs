using MtlSharing.Selectors;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// The base of this assembly's backbones: a module that checks its input, publishes its ordered
/// blocks as a chain (<see cref="IBlockChain"/>: the blocks in order, then a tail of pooling and
/// head) and can report each block's cost. Its forward returns
/// class logits [N, <see cref="Classes"/>], or, when it is headless, the pooled features
/// [N, <see cref="FeatureCount"/>].
/// </summary>
/// <remarks>
/// Module paths, and so state_dict keys, are torchvision's. Every layer and block is held in a
/// field of type <c>nn.Module&lt;Tensor, Tensor&gt;</c>, so any submodule can be replaced with
/// <see cref="nn.Module.set_submodule"/> (for example by a task switch) and the forward pass,
/// residual connections included, uses the replacement. Wrap calls in
/// <see cref="torch.NewDisposeScope"/> to free the intermediate tensors.
/// </remarks>
public abstract class BackboneModule : nn.Module<Tensor, Tensor>, IBlockChain
{
    private readonly InputSpec inputSpec;
    private readonly long defaultSide;

    private protected BackboneModule(string name, string title, InputSpec input, long defaultSide, IReadOnlyList<IReadOnlyList<string>> blocks, string headName, int? classes, long featureCount)
        : base(name)
    {
        Title = title;
        inputSpec = input;
        this.defaultSide = defaultSide;
        Blocks = blocks;
        HeadName = headName;
        Classes = classes;
        FeatureCount = featureCount;
    }

    /// <summary>A readable name of the architecture, e.g. "ResNet-18".</summary>
    public string Title { get; }

    /// <summary>
    /// The blocks, input side first, each as the module paths that form it (see the concrete
    /// class for its map). The classifier head is not a block.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Blocks { get; }

    /// <summary>The path of the classifier head ("fc" or "classifier"); the module exists only when <see cref="Classes"/> is set.</summary>
    public string HeadName { get; }

    /// <summary>The number of classes of the head, or null for a headless feature extractor.</summary>
    public int? Classes { get; }

    /// <summary>The length of the pooled feature vector that feeds the head (or that a headless backbone returns).</summary>
    public long FeatureCount { get; }

    /// <summary>The input shape the forward pass accepts, e.g. "[N, 3, H, W]".</summary>
    public string ExpectedInputShape => inputSpec.Text;

    /// <summary>One sample's shape used when no size is given: [C, 224, 224] for the ImageNet stem, [C, 32, 32] for small images, [F] for vectors.</summary>
    public IReadOnlyList<long> DefaultSampleShape => inputSpec.Sample(defaultSide);

    /// <summary>Checks the input's rank and channel (or feature) count, then runs the backbone.</summary>
    /// <param name="input">A batch of the shape <see cref="ExpectedInputShape"/>.</param>
    /// <returns>Logits, or features when headless.</returns>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count; the message names the expected shape.</exception>
    public sealed override Tensor forward(Tensor input)
    {
        CheckInput(input);
        return Run(input);
    }

    /// <summary>Throws unless a batch has the shape <see cref="ExpectedInputShape"/>.</summary>
    /// <param name="input">The batch.</param>
    /// <exception cref="ArgumentException">The input has the wrong rank or channel count; the message names the expected shape.</exception>
    public void CheckInput(Tensor input) => inputSpec.Check(input, Title);

    /// <summary>
    /// Runs what follows the last block on its output: global average pooling and flattening for
    /// images, then the head unless the backbone is headless. Running the modules of each block in
    /// order and then this gives the forward pass.
    /// </summary>
    /// <param name="features">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    public Tensor ForwardTail(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Tail(features);
    }

    /// <summary>
    /// Parameters and multiply-adds of each block (and the head) for one sample, with each block's
    /// output shape. Runs one forward pass of a zero batch of size 1 in evaluation mode, without
    /// gradients, counting with forward hooks; each module's training mode is restored afterwards.
    /// </summary>
    /// <param name="sampleShape">One sample's shape without the batch dimension, e.g. 3, 224, 224; empty for <see cref="DefaultSampleShape"/>.</param>
    /// <returns>The report; its <see cref="CostReport.ToString"/> is a table.</returns>
    /// <exception cref="ArgumentException">The shape does not fit the backbone.</exception>
    public CostReport Costs(params long[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        return CostMeter.Measure(this, sampleShape.Length == 0 ? [.. DefaultSampleShape] : sampleShape);
    }

    /// <summary>A table of the blocks with their module paths, output shapes, parameters and multiply-adds, and the totals.</summary>
    /// <param name="sampleShape">One sample's shape without the batch dimension; empty for <see cref="DefaultSampleShape"/>.</param>
    /// <returns>The table, one row per block.</returns>
    public string Describe(params long[] sampleShape) => Costs(sampleShape).ToString();

    /// <summary>
    /// Loads a state dict saved from the same architecture, such as torchvision's pretrained
    /// weights (<c>torch.load("resnet18.pth")</c>). Keys and shapes must match exactly, except
    /// that a headless backbone ignores the checkpoint's head (<see cref="HeadName"/>) keys.
    /// Everything is checked before anything is copied.
    /// </summary>
    /// <param name="state">The tensors, keyed as torchvision names them.</param>
    /// <exception cref="ArgumentException">Missing, unexpected or mis-shaped keys, all listed; nothing was loaded.</exception>
    public void LoadPretrained(IDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var headPrefix = HeadName + ".";
        var source = Classes is not null
            ? state
            : state.Where(entry => !entry.Key.StartsWith(headPrefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        load_state_dict(source, strict: true);
    }

    /// <summary>The forward pass on an input already checked.</summary>
    /// <param name="input">The batch.</param>
    /// <returns>Logits, or features when headless.</returns>
    private protected abstract Tensor Run(Tensor input);

    /// <summary>The part of the forward pass after the last block.</summary>
    /// <param name="lastBlockOutput">The output of the last block.</param>
    /// <returns>Logits, or features when headless.</returns>
    private protected abstract Tensor Tail(Tensor lastBlockOutput);
}
