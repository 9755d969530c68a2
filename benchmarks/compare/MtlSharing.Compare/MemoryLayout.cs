using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Channels-last layout of modules and images, which TorchSharp 0.107 does not offer: it has the
/// <see cref="memory_format"/> enum but no <c>Tensor.contiguous(memory_format)</c> and no
/// <c>Module.to(memory_format)</c>. A channels-last [N, C, H, W] tensor is a copy into storage with
/// the strides libtorch's <c>contiguous(at::MemoryFormat::ChannelsLast)</c> gives,
/// [H·W·C, 1, W·C, C] (also for dimensions of size 1, where libtorch's check of the layout looks
/// at them); libtorch picks its channels-last convolution kernels from those strides, and their
/// outputs stay channels last.
/// </summary>
internal static class MemoryLayout
{
    /// <summary>
    /// Lays out every 4-D parameter and buffer (the convolution weights) of a module in a memory
    /// format, in place, as PyTorch's <c>module.to(memory_format=...)</c> does: each parameter
    /// object keeps its identity (its storage is replaced with <c>set_</c> under <c>no_grad</c>),
    /// so optimizers and the library's task switches keep working.
    /// </summary>
    /// <param name="module">The module.</param>
    /// <param name="format"><see cref="memory_format.channels_last"/> or <see cref="memory_format.contiguous_format"/>.</param>
    /// <returns>The module.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Another format; nothing changes.</exception>
    public static T InMemoryFormat<T>(this T module, memory_format format)
        where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckFormat(format);
        using (no_grad())
        {
            foreach (var tensor in module.parameters().Cast<Tensor>().Concat(module.buffers()).Where(t => t.dim() == 4).ToList())
            {
                using var laidOut = tensor.InMemoryFormat(format);
                tensor.set_(laidOut);
            }
        }

        return module;
    }

    /// <summary>A 4-D tensor with its values in a memory format: a new tensor, or a view of this one when it already is.</summary>
    /// <param name="tensor">A tensor [N, C, H, W].</param>
    /// <param name="format"><see cref="memory_format.channels_last"/> or <see cref="memory_format.contiguous_format"/>.</param>
    /// <returns>The tensor laid out as asked.</returns>
    /// <exception cref="ArgumentException">Channels last was asked for a tensor that is not 4-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Another format.</exception>
    public static Tensor InMemoryFormat(this Tensor tensor, memory_format format)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckFormat(format);
        if (format == memory_format.contiguous_format)
        {
            return tensor.contiguous();
        }

        if (tensor.dim() != 4)
        {
            throw new ArgumentException($"channels last needs a 4-D tensor [N, C, H, W]; got [{string.Join(", ", tensor.shape)}]", nameof(tensor));
        }

        var laidOut = empty_strided(tensor.shape, ChannelsLastStrides(tensor.shape), tensor.dtype, tensor.device);
        laidOut.copy_(tensor);
        return laidOut;
    }

    /// <summary>Whether a 4-D tensor's strides are exactly those of the channels-last layout (C varies fastest, then W, then H, then N).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <returns>True for a channels-last 4-D tensor.</returns>
    public static bool IsChannelsLast(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 4)
        {
            return false;
        }

        return tensor.stride().SequenceEqual(ChannelsLastStrides(tensor.shape));
    }

    private static long[] ChannelsLastStrides(long[] shape)
    {
        var (c, h, w) = (shape[1], shape[2], shape[3]);
        return [h * w * c, 1, w * c, c];
    }

    private static void CheckFormat(memory_format format)
    {
        if (format is not (memory_format.channels_last or memory_format.contiguous_format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "the layouts are memory_format.contiguous_format and memory_format.channels_last");
        }
    }
}
