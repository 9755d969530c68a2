namespace MtlSharing.Distributed;

/// <summary>An MPI call failed, or MPI cannot be used as asked (no shim, not launched by mpirun, a world of the wrong size).</summary>
public sealed class MpiException : Exception
{
    /// <summary>Makes the exception.</summary>
    /// <param name="message">What failed and what would work.</param>
    /// <param name="inner">The cause, if any.</param>
    public MpiException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
