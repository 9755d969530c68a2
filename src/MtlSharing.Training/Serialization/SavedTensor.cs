using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Turns a tensor about to be saved into one whose bytes are exactly what the file stores: detached,
/// on the CPU, contiguous and starting at the beginning of its storage. PyBridge's pickler writes the
/// tensor's own storage offset and strides next to only the tensor's <c>numel</c> bytes, so a slice
/// (offset &gt; 0) would load in Python as the wrong elements or out of bounds, and a transposed
/// tensor makes it throw; handing it such copies avoids both.
/// </summary>
internal static class SavedTensor
{
    /// <summary>
    /// Checks <paramref name="tensor"/> and returns a detached copy or view of it fit to be written;
    /// new tensors join the current dispose scope.
    /// </summary>
    /// <param name="tensor">The tensor to save.</param>
    /// <param name="what">Names the tensor in error messages, for example "the entry 'fc.weight'".</param>
    /// <param name="parameterName">The argument that holds the tensor.</param>
    /// <exception cref="ArgumentException">The tensor is null or of an element type that cannot be saved.</exception>
    /// <exception cref="ObjectDisposedException">The tensor has been disposed.</exception>
    public static torch.Tensor Prepare(torch.Tensor? tensor, string what, string parameterName)
    {
        if (tensor is null)
        {
            throw new ArgumentException($"{what} is null; a tensor is needed", parameterName);
        }

        if (tensor.IsInvalid)
        {
            throw new ObjectDisposedException(nameof(torch.Tensor), $"{what} has been disposed, so it cannot be saved");
        }

        if (!StorageTypes.IsSupported(tensor.dtype))
        {
            throw new ArgumentException($"{what} has the element type {tensor.dtype}, which cannot be saved; supported are {StorageTypes.Supported}", parameterName);
        }

        var saved = tensor.detach();
        if (saved.device_type != DeviceType.CPU)
        {
            saved = saved.cpu();
        }

        if (!saved.is_contiguous())
        {
            saved = saved.contiguous();
        }

        if (saved.storage_offset() != 0)
        {
            saved = saved.clone();
        }

        return saved;
    }
}
