using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Routing;

/// <summary>
/// The positions of a mixed batch's samples in each branch of a switch, and the permutation that
/// puts the branch outputs, concatenated in branch order, back in the batch's order.
/// </summary>
internal sealed class SampleSplit : IDisposable
{
    private SampleSplit(Tensor?[] positions, Tensor? inverse)
    {
        Positions = positions;
        Inverse = inverse;
    }

    /// <summary>Per branch: the int64 positions of its samples, or null when it has none.</summary>
    public Tensor?[] Positions { get; }

    /// <summary>The permutation restoring batch order, or null when one branch holds every sample in order.</summary>
    public Tensor? Inverse { get; }

    public static SampleSplit Compute(Tensor taskIndex, int[] branchOfTask, int branchCount)
    {
        var lut = tensor(branchOfTask.Select(b => (long)b).ToArray()).DetachFromDisposeScope();
        var branch = lut.index_select(0, taskIndex).DetachFromDisposeScope();
        lut.Dispose();
        var positions = new Tensor?[branchCount];
        var used = 0;
        for (var b = 0; b < branchCount; b++)
        {
            using var mask = branch.eq(b).DetachFromDisposeScope();
            using var nonzero = mask.nonzero().DetachFromDisposeScope();
            var p = nonzero.flatten().DetachFromDisposeScope();
            if (p.numel() == 0)
            {
                p.Dispose();
                continue;
            }

            positions[b] = p;
            used++;
        }

        branch.Dispose();
        if (used <= 1)
        {
            return new SampleSplit(positions, null);
        }

        using var order = cat(positions.Where(p => p is not null).ToArray()!).DetachFromDisposeScope();
        var (sorted, inverse) = order.sort();
        sorted.Dispose();
        return new SampleSplit(positions, inverse.DetachFromDisposeScope());
    }

    public void Dispose()
    {
        foreach (var p in Positions)
        {
            p?.Dispose();
        }

        Inverse?.Dispose();
    }
}
