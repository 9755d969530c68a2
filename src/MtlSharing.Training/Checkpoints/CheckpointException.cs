namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// A checkpoint file cannot be used: it is missing, truncated or corrupt, or it does not fit the
/// trainer (another model, optimizer, scheduler, sampler or weighting). Nothing was changed.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Makes the exception.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public CheckpointException(string path, string reason, Exception? innerException = null)
        : base($"cannot use the checkpoint '{path}': {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
