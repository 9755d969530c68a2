using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Distributed;

/// <summary>
/// All-reduces lists of tensors group by group, in buckets: consecutive tensors of one group and
/// type are flattened into one buffer of at most the bucket size and reduced with one call; a
/// bucket of one contiguous tensor is reduced in place, without a copy. The sum is then scaled.
/// </summary>
internal static class TensorReduction
{
    /// <summary>Sums each tensor over its group's ranks and multiplies by <paramref name="scale"/>(group), in place.</summary>
    /// <param name="tensors">The tensors with their groups (tensors whose group is null are skipped).</param>
    /// <param name="scale">The factor for a group's sum: 1/k for gradients of k replicas, 1/size for an average.</param>
    /// <param name="bucketBytes">The largest bucket.</param>
    /// <returns>The bytes reduced.</returns>
    public static long SumInPlace(IEnumerable<(Tensor Tensor, Communicator? Group)> tensors, Func<Communicator, double> scale, long bucketBytes)
    {
        long bytes = 0;
        var pending = new List<Tensor>();
        Communicator? pendingGroup = null;
        long pendingBytes = 0;
        foreach (var (tensor, group) in tensors)
        {
            if (group is null || group.Size == 1)
            {
                // Not held here, or held by this rank alone: nothing to combine.
                continue;
            }

            var size = tensor.numel() * tensor.ElementSize;
            if (pending.Count > 0 && (group != pendingGroup || tensor.dtype != pending[0].dtype || pendingBytes + size > bucketBytes))
            {
                bytes += Flush(pending, pendingGroup!, scale);
                pendingBytes = 0;
            }

            pending.Add(tensor);
            pendingGroup = group;
            pendingBytes += size;
        }

        if (pending.Count > 0)
        {
            bytes += Flush(pending, pendingGroup!, scale);
        }

        return bytes;
    }

    private static long Flush(List<Tensor> bucket, Communicator group, Func<Communicator, double> scale)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var factor = scale(group);
        long bytes;
        if (bucket.Count == 1 && bucket[0].is_contiguous())
        {
            var tensor = bucket[0];
            group.AllReduce(tensor);
            if (factor != 1)
            {
                tensor.mul_(factor);
            }

            bytes = tensor.numel() * tensor.ElementSize;
        }
        else
        {
            var flat = cat([.. bucket.Select(t => t.reshape(-1))]);
            group.AllReduce(flat);
            if (factor != 1)
            {
                flat.mul_(factor);
            }

            long offset = 0;
            foreach (var tensor in bucket)
            {
                var count = tensor.numel();
                tensor.copy_(flat.narrow(0, offset, count).view_as(tensor));
                offset += count;
            }

            bytes = flat.numel() * flat.ElementSize;
        }

        bucket.Clear();
        return bytes;
    }
}
