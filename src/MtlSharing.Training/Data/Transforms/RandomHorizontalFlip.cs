using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Mirrors each image left to right with probability p. For each sample in order it draws one
/// <see cref="Random.NextDouble"/> and flips when the draw is below p.
/// </summary>
public sealed class RandomHorizontalFlip : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="probability">The probability of flipping each sample, in [0, 1].</param>
    public RandomHorizontalFlip(double probability = 0.5)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "the flip probability must be in [0, 1]");
        }

        Probability = probability;
    }

    /// <summary>The probability of flipping each sample.</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(RandomHorizontalFlip));
        ArgumentNullException.ThrowIfNull(random);
        var count = inputs.size(0);
        var flip = new bool[count];
        for (var i = 0; i < count; i++)
        {
            flip[i] = random.NextDouble() < Probability;
        }

        var width = inputs.size(3);
        var reversed = new long[width];
        for (var x = 0; x < width; x++)
        {
            reversed[x] = width - 1 - x;
        }

        using var index = tensor(reversed);
        using var mirrored = inputs.index_select(3, index);
        using var mask = tensor(flip, new long[] { count, 1, 1, 1 });
        return where(mask, mirrored, inputs);
    }
}
