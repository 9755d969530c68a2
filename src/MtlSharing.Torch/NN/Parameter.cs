using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>
/// A tensor that a module owns and an optimizer updates: a leaf that shares the storage of the
/// tensor it was made from and records gradients by default. Parameters never belong to a
/// <see cref="DisposeScope"/>; their module disposes them.
/// </summary>
public sealed class Parameter : Tensor
{
    private static readonly AtenOp DetachOp = new("aten::detach");

    /// <summary>Makes a parameter over the storage of <paramref name="data"/>.</summary>
    /// <param name="data">The initial values; the parameter shares their storage.</param>
    /// <param name="requires_grad">Whether gradients are recorded.</param>
    public Parameter(Tensor data, bool requires_grad = true)
        : base(DetachedHandle(data))
    {
        DetachFromDisposeScope();
        this.requires_grad = requires_grad;
    }

    private static IntPtr DetachedHandle(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var call = new OpCall();
        call.Tensor(data);
        using var detached = call.InvokeTensor(DetachOp).DetachFromDisposeScope();
        return detached.TakeHandle();
    }
}
