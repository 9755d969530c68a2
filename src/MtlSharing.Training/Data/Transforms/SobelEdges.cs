using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Replaces each image by its edge map: the Sobel gradient magnitude <c>√(Gx² + Gy²)</c> of every channel, with
/// the border pixels repeated outwards so the image frame makes no edge, then each image divided by its largest
/// magnitude over all its channels so its strongest edge is 1 (an image without edges stays 0). Inputs in [0, 1]
/// give outputs in [0, 1]. It draws nothing from the random stream.
/// </summary>
public sealed class SobelEdges : ITransform
{
    private static readonly float[] HorizontalKernel = [-1, 0, 1, -2, 0, 2, -1, 0, 1];

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(SobelEdges));
        using var scope = NewDisposeScope();
        var channels = inputs.size(1);
        var horizontal = tensor(HorizontalKernel, new long[] { 1, 1, 3, 3 }, device: inputs.device).expand(channels, 1, 3, 3);
        var vertical = horizontal.transpose(2, 3);
        var padded = nn.functional.pad(inputs, [1, 1, 1, 1], PaddingModes.Replicate);
        var gx = nn.functional.conv2d(padded, horizontal, groups: channels);
        var gy = nn.functional.conv2d(padded, vertical, groups: channels);
        var magnitude = (gx.square() + gy.square()).sqrt();
        var strongest = magnitude.amax([1, 2, 3], keepdim: true);
        var scale = where(strongest > 0, strongest, ones_like(strongest));
        return (magnitude / scale).MoveToOuterDisposeScope();
    }
}
