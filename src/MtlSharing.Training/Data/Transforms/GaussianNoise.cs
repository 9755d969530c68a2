using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Adds independent Gaussian noise of mean 0 to every value, then clamps to [0, 1]. The noise comes from the
/// random stream by the Box–Muller method: for each pair of values in memory order it draws two
/// <see cref="Random.NextDouble"/> u₁, u₂ and adds <c>σ·√(−2 ln(1 − u₁))·cos(2πu₂)</c> to the first and the same
/// with sin to the second (an odd last value takes the cos term of a fresh pair). It accepts float32 inputs of any shape.
/// </summary>
public sealed class GaussianNoise : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="standardDeviation">The noise's standard deviation σ, at least 0 and finite.</param>
    public GaussianNoise(double standardDeviation)
    {
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "the noise's standard deviation must be at least 0 and finite");
        }

        StandardDeviation = standardDeviation;
    }

    /// <summary>The noise's standard deviation σ.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.RequireFloat32(inputs, nameof(GaussianNoise));
        ArgumentNullException.ThrowIfNull(random);
        var values = inputs.ToArrayOf<float>();
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = StandardDeviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = Clamp(values[i] + (radius * Math.Cos(angle)));
            if (i + 1 < values.Length)
            {
                values[i + 1] = Clamp(values[i + 1] + (radius * Math.Sin(angle)));
            }
        }

        return tensor(values, inputs.shape, device: inputs.device);
    }

    private static float Clamp(double value) => (float)Math.Clamp(value, 0, 1);
}
