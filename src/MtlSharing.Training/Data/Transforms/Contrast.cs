using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Scales intensities towards or away from a centre: <c>centre + factor · (x − centre)</c>. A factor below 1
/// lowers the contrast (0.3 about 0.5 squeezes [0, 1] into [0.35, 0.65]); nothing is clamped, so a factor above 1
/// can leave [0, 1]. It accepts float32 inputs of any shape and draws nothing from the random stream.
/// </summary>
public sealed class Contrast : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="factor">The contrast factor, at least 0 and finite (1 leaves the inputs as they are).</param>
    /// <param name="centre">The intensity that stays where it is, in [0, 1] (mid-grey when omitted).</param>
    public Contrast(double factor, double centre = 0.5)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the contrast factor must be at least 0 and finite");
        }

        if (!(centre >= 0 && centre <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(centre), centre, "the contrast centre must be in [0, 1]");
        }

        Factor = factor;
        Centre = centre;
    }

    /// <summary>The contrast factor.</summary>
    public double Factor { get; }

    /// <summary>The intensity that stays where it is.</summary>
    public double Centre { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.RequireFloat32(inputs, nameof(Contrast));
        using var scaled = inputs * Factor;
        return scaled + (Centre * (1 - Factor));
    }
}
