using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// A group of ranks that take part in collective operations together: MPI's communicator, or a
/// world of one process. Every rank of the group must call each collective in the same order with
/// matching sizes; buffers are changed in place. Tensors go to MPI through their CPU data pointers,
/// without copies (they must be contiguous CPU tensors of float32 or float64).
/// </summary>
public abstract class Communicator : IDisposable
{
    /// <summary>This process's rank in the group, 0 … <see cref="Size"/> − 1.</summary>
    public abstract int Rank { get; }

    /// <summary>The number of ranks in the group.</summary>
    public abstract int Size { get; }

    /// <summary>Whether this is rank 0, which logs, reports progress and writes checkpoints.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>Waits until every rank of the group has called it.</summary>
    public abstract void Barrier();

    /// <summary>Copies <paramref name="root"/>'s bytes into every other rank's buffer of the same length.</summary>
    /// <param name="data">The bytes: sent on the root, overwritten elsewhere.</param>
    /// <param name="root">The sending rank.</param>
    public abstract void Broadcast(Span<byte> data, int root = 0);

    /// <summary>Combines the ranks' buffers element by element, leaving the result in every rank's buffer.</summary>
    /// <param name="data">This rank's values, replaced by the result.</param>
    /// <param name="operation">Sum, max or min.</param>
    public abstract void AllReduce(Span<float> data, ReduceOperation operation = ReduceOperation.Sum);

    /// <inheritdoc cref="AllReduce(Span{float}, ReduceOperation)"/>
    public abstract void AllReduce(Span<double> data, ReduceOperation operation = ReduceOperation.Sum);

    /// <summary>Gathers every rank's bytes (of any length) on every rank.</summary>
    /// <param name="data">This rank's bytes.</param>
    /// <returns>Each rank's bytes, indexed by rank.</returns>
    public abstract byte[][] AllGather(ReadOnlySpan<byte> data);

    /// <summary>
    /// Splits the group: ranks that pass the same non-negative color form a new communicator,
    /// ordered by <paramref name="key"/> and then by their rank here. Every rank must call it.
    /// </summary>
    /// <param name="color">The new group's number, or negative to join none.</param>
    /// <param name="key">Orders ranks within the new group.</param>
    /// <returns>The new communicator, or null for a negative color.</returns>
    public abstract Communicator? Split(int color, int key);

    /// <summary>Combines a tensor across the ranks, in place, through its data pointer.</summary>
    /// <param name="tensor">A contiguous CPU tensor of float32 or float64.</param>
    /// <param name="operation">Sum, max or min.</param>
    public void AllReduce(Tensor tensor, ReduceOperation operation = ReduceOperation.Sum)
    {
        TensorMemory.RequireCollectable(tensor, nameof(tensor));
        if (tensor.dtype == ScalarType.Float32)
        {
            AllReduce(TensorMemory.Span<float>(tensor), operation);
        }
        else
        {
            AllReduce(TensorMemory.Span<double>(tensor), operation);
        }
    }

    /// <summary>Copies the root's tensor into every rank's tensor of the same shape and type, in place.</summary>
    /// <param name="tensor">A contiguous CPU tensor of float32 or float64.</param>
    /// <param name="root">The sending rank.</param>
    public void Broadcast(Tensor tensor, int root = 0)
    {
        TensorMemory.RequireCollectable(tensor, nameof(tensor));
        Broadcast(TensorMemory.Bytes(tensor), root);
    }

    /// <summary>Frees the communicator (not the world, which lives until <see cref="DistributedWorld.Dispose"/>).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees native resources.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Throws unless <paramref name="root"/> is a rank of this group.</summary>
    protected void RequireRank(int root)
    {
        if (root < 0 || root >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(root), root, $"root {root} is not a rank of this group; valid ranks are 0–{Size - 1}");
        }
    }
}
