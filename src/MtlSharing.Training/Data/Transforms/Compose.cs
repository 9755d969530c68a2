using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>Applies several transforms in order, each drawing from the same random stream in turn.</summary>
public sealed class Compose : ITransform
{
    private readonly ITransform[] transforms;

    /// <summary>Creates the chain.</summary>
    /// <param name="transforms">The transforms, first applied first; at least one.</param>
    public Compose(params IReadOnlyList<ITransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        if (transforms.Count == 0)
        {
            throw new ArgumentException("compose at least one transform", nameof(transforms));
        }

        if (transforms.Any(t => t is null))
        {
            throw new ArgumentException("a transform in the chain is null", nameof(transforms));
        }

        this.transforms = [.. transforms];
    }

    /// <summary>The transforms, in the order they are applied.</summary>
    public IReadOnlyList<ITransform> Transforms => transforms;

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(random);
        var current = inputs;
        foreach (var transform in transforms)
        {
            var next = transform.Apply(current, random);
            if (!ReferenceEquals(current, inputs) && !ReferenceEquals(next, current))
            {
                current.Dispose();
            }

            current = next;
        }

        return current;
    }
}
