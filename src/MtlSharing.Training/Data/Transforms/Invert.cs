using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Inverts inputs in [0, 1] element by element: <c>1 − x</c> (white digits on black become black on white).
/// It accepts float32 inputs of any shape and draws nothing from the random stream.
/// </summary>
public sealed class Invert : ITransform
{
    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.RequireFloat32(inputs, nameof(Invert));
        return 1.0 - inputs;
    }
}
