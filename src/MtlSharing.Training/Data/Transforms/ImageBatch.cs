using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>Checks shared by the transforms: the batch they get is float32, most often images <c>[N, C, H, W]</c>.</summary>
internal static class ImageBatch
{
    public static void Require(Tensor inputs, string transform)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dtype != ScalarType.Float32 || inputs.dim() != 4)
        {
            throw new ArgumentException(
                $"{transform} needs a float32 batch of images [N, C, H, W]; got {inputs.dtype} [{string.Join(", ", inputs.shape)}]",
                nameof(inputs));
        }
    }

    public static void RequireFloat32(Tensor inputs, string transform)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"{transform} needs float32 inputs; got {inputs.dtype}", nameof(inputs));
        }
    }

    /// <summary>A constant of shape [1, C, 1, 1] holding one value per channel.</summary>
    public static Tensor PerChannel(IReadOnlyList<double> values) =>
        tensor(values.Select(v => (float)v).ToArray(), new long[] { 1, values.Count, 1, 1 });
}
