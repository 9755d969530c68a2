using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Changes a batch of inputs (for example augmentation or a per-domain colour change).
/// Implementations draw all their randomness from the <see cref="Random"/> they are given,
/// so the same batch and the same random stream give the same result.
/// </summary>
public interface ITransform
{
    /// <summary>Returns a new tensor holding the transformed batch; <paramref name="inputs"/> is left unchanged.</summary>
    /// <param name="inputs">A batch <c>[N, C, H, W]</c> of float32 inputs (the caller still owns it).</param>
    /// <param name="random">The source of every random choice the transform makes.</param>
    /// <returns>A new tensor the caller disposes.</returns>
    Tensor Apply(Tensor inputs, Random random);
}
