using System.Runtime.InteropServices;
using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Serialization;

/// <summary>
/// Serializes a state dict with libtorch's pickler into PyTorch's zip format, in memory, so that
/// nothing touches the destination until every tensor has been read.
/// </summary>
internal sealed unsafe class CheckpointWriter : IDisposable
{
    private IntPtr bytes;

    private CheckpointWriter(IntPtr bytes)
    {
        this.bytes = bytes;
    }

    /// <summary>Pickles detached, contiguous copies of the tensors, keeping the dictionary's order.</summary>
    public static CheckpointWriter Serialize(IReadOnlyDictionary<string, Tensor> state)
    {
        var entries = state.ToArray();
        var names = new IntPtr[entries.Length];
        var handles = new IntPtr[entries.Length];
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var (key, tensor) = entries[i];
                if (key is null || key.Contains('\0'))
                {
                    throw new ArgumentException($"the state dict key '{key}' is null or contains a NUL character", nameof(state));
                }

                handles[i] = tensor?.Handle ?? throw new ArgumentException($"the state dict entry '{key}' is null", nameof(state));
                names[i] = Marshal.StringToCoTaskMemUTF8(key);
            }

            IntPtr result;
            fixed (IntPtr* n = names)
            fixed (IntPtr* h = handles)
            {
                NativeMethods.Check(NativeMethods.mts_save_dict(n, h, entries.Length, out result));
            }

            GC.KeepAlive(entries);
            return new CheckpointWriter(result);
        }
        finally
        {
            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    /// <summary>Copies the serialized checkpoint to <paramref name="destination"/>.</summary>
    public void WriteTo(Stream destination)
    {
        ObjectDisposedException.ThrowIf(bytes == IntPtr.Zero, this);
        var data = NativeMethods.mts_bytes_data(bytes);
        var size = NativeMethods.mts_bytes_size(bytes);
        for (long done = 0; done < size;)
        {
            var chunk = (int)Math.Min(size - done, 1 << 30);
            destination.Write(new ReadOnlySpan<byte>(data + done, chunk));
            done += chunk;
        }
    }

    /// <summary>Frees the native buffer.</summary>
    public void Dispose()
    {
        if (bytes != IntPtr.Zero)
        {
            NativeMethods.mts_bytes_free(bytes);
            bytes = IntPtr.Zero;
        }
    }
}
