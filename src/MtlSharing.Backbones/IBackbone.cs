using MtlSharing.Selectors;

namespace MtlSharing.Backbones;

/// <summary>
/// What every backbone of this assembly adds to its network: the block map and tail of a chain
/// (<see cref="IBlockChain"/>), the head, the feature width and the input it accepts. Each one is
/// also an <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose <c>forward</c> checks its input
/// (<see cref="IBlockChain.CheckInput"/>) and returns class logits [N, <see cref="Classes"/>], or,
/// when it is headless, the pooled features [N, <see cref="FeatureCount"/>].
/// <see cref="BackboneExtensions"/> adds costs, a cost table and loading pretrained weights.
/// </summary>
/// <remarks>
/// Module paths, and so state_dict keys, are torchvision's. A submodule can be replaced with
/// <c>MtlSharing.Modules.ModuleTree.SetSubmodule</c> (a task switch is) and the forward pass,
/// residual connections included, uses the replacement.
/// </remarks>
public interface IBackbone : IBlockChain
{
    /// <summary>A readable name of the architecture, e.g. "ResNet-18".</summary>
    string Title { get; }

    /// <summary>
    /// The path of the classifier head ("fc" or "classifier"). With <see cref="Classes"/> null the
    /// module at this path is an <c>Identity</c> without parameters.
    /// </summary>
    string HeadName { get; }

    /// <summary>The number of classes of the head, or null for a headless feature extractor.</summary>
    int? Classes { get; }

    /// <summary>The length of the pooled feature vector that feeds the head (or that a headless backbone returns).</summary>
    long FeatureCount { get; }

    /// <summary>The input shape the forward pass accepts, e.g. "[N, 3, H, W]".</summary>
    string ExpectedInputShape { get; }

    /// <summary>One sample's shape used when no size is given: [C, 224, 224] for the ImageNet stem, [C, 32, 32] for small images, [F] for vectors.</summary>
    IReadOnlyList<long> DefaultSampleShape { get; }
}
