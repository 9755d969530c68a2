using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Turns every image by quarter turns counter-clockwise (as <c>torch.rot90</c> over the height and width
/// dimensions): one turn moves the top-right pixel to the top left. Images that are not square swap their
/// height and width. It draws nothing from the random stream.
/// </summary>
public sealed class Rotate90 : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="quarterTurns">The number of counter-clockwise quarter turns; a negative number turns clockwise.</param>
    public Rotate90(int quarterTurns = 1)
    {
        QuarterTurns = quarterTurns;
    }

    /// <summary>The number of counter-clockwise quarter turns.</summary>
    public int QuarterTurns { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(Rotate90));
        using var turned = inputs.rot90(QuarterTurns, (2, 3));
        return turned.contiguous();
    }
}
