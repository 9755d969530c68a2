using System.Runtime.InteropServices;

namespace MtlSharing.Torch.Native;

/// <summary>Owns one native at::Tensor reference and releases it exactly once.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle(IntPtr handle)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.mts_tensor_free(handle);
        return true;
    }
}
