namespace MtlSharing.Distributed;

/// <summary>Settings of <see cref="DistributedTraining"/>.</summary>
public sealed record DistributedTrainingOptions
{
    /// <summary>
    /// Gradients are flattened into buckets of about this many bytes, one all-reduce each (fewer,
    /// larger messages than one per tensor); 25 MiB, as PyTorch's DistributedDataParallel.
    /// </summary>
    public long BucketBytes { get; init; } = 25L << 20;

    /// <summary>Whether to average floating-point buffers (BatchNorm running statistics) over their ranks after every step, so that every rank evaluates and saves the same statistics.</summary>
    public bool AverageBuffers { get; init; } = true;
}
