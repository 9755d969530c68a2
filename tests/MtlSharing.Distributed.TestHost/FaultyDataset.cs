using System.Diagnostics;
using MtlSharing.Training.Data;

namespace MtlSharing.Distributed.TestHost;

/// <summary>A dataset that, once armed, ends its process at the n-th batch it loads: killed (SIGKILL), or by an unhandled exception.</summary>
internal sealed class FaultyDataset(ITaskDataset inner, int failAtBatch, bool kill) : ITaskDataset
{
    private int batches;

    /// <summary>Whether batches count (after the trainer has scanned the labels).</summary>
    public bool Armed { get; set; }

    public long Count => inner.Count;

    public (Tensor Inputs, Tensor Labels) Get(ReadOnlySpan<long> indices)
    {
        if (Armed && ++batches == failAtBatch)
        {
            Console.Error.WriteLine($"this rank fails now, at its batch {failAtBatch} ({(kill ? "killed" : "unhandled exception")})");
            if (kill)
            {
                Process.GetCurrentProcess().Kill();
            }

            throw new InvalidOperationException("a simulated failure in the middle of training");
        }

        return inner.Get(indices);
    }
}
