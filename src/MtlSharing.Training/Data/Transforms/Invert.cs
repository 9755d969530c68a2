using static MtlSharing.Torch.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>Inverts inputs in [0, 1]: <c>1 − x</c> (white digits on black become black on white). It draws nothing from the random stream.</summary>
public sealed class Invert : ITransform
{
    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(Invert));
        return 1.0 - inputs;
    }
}
