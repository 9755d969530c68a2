using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>Standardises each channel: <c>(x − mean[c]) / std[c]</c>. It draws nothing from the random stream.</summary>
public sealed class Normalize : ITransform
{
    private readonly double[] mean;
    private readonly double[] std;

    /// <summary>Creates the transform.</summary>
    /// <param name="mean">One mean per channel.</param>
    /// <param name="std">One standard deviation per channel, each positive.</param>
    public Normalize(IReadOnlyList<double> mean, IReadOnlyList<double> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count == 0 || mean.Count != std.Count)
        {
            throw new ArgumentException($"mean and std need one value per channel and the same length; got {mean.Count} and {std.Count}", nameof(std));
        }

        if (std.Any(s => !(s > 0) || double.IsInfinity(s)) || mean.Any(m => !double.IsFinite(m)))
        {
            throw new ArgumentException($"std must be positive and finite and mean finite; got mean [{string.Join(", ", mean)}], std [{string.Join(", ", std)}]", nameof(std));
        }

        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(Normalize));
        if (inputs.size(1) != mean.Length)
        {
            throw new ArgumentException($"{nameof(Normalize)} was given {mean.Length} channel statistics but the batch has {inputs.size(1)} channels", nameof(inputs));
        }

        using var meanTensor = ImageBatch.PerChannel(mean);
        using var stdTensor = ImageBatch.PerChannel(std);
        using var centred = inputs - meanTensor;
        return centred / stdTensor;
    }
}
