using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>Helpers for datasets that hold their own copies of tensors.</summary>
internal static class OwnedTensors
{
    /// <summary>
    /// A contiguous copy with its own storage, detached from autograd and from every dispose scope,
    /// so it lives until the dataset that holds it is disposed.
    /// </summary>
    public static Tensor Copy(Tensor source)
    {
        using var detached = source.detach();
        using var contiguous = detached.contiguous();
        return contiguous.clone().DetachFromDisposeScope();
    }

    /// <summary>Checks that every index lies in [0, count).</summary>
    public static void CheckIndices(ReadOnlySpan<long> indices, long count)
    {
        foreach (var index in indices)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"sample index {index} is outside the dataset's [0, {count})");
            }
        }
    }

    /// <summary>Checks that labels are a 1-D int64 tensor of <paramref name="count"/> elements.</summary>
    public static void CheckLabels(Tensor labels, long count, string what, string parameter)
    {
        if (labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"{what} must be int64 class indices; got {labels.dtype}", parameter);
        }

        if (labels.dim() != 1 || labels.size(0) != count)
        {
            throw new ArgumentException(
                $"{what} must have shape [{count}] (one label per input sample); got [{string.Join(", ", labels.shape)}]", parameter);
        }
    }

    /// <summary>Checks that inputs are float32 with a leading sample dimension.</summary>
    public static void CheckInputs(Tensor inputs, string parameter)
    {
        if (inputs.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"inputs must be float32; got {inputs.dtype} (convert with .to(torch.float32))", parameter);
        }

        if (inputs.dim() < 1)
        {
            throw new ArgumentException("inputs must have a leading sample dimension [N, ...]; got a scalar", parameter);
        }
    }
}
