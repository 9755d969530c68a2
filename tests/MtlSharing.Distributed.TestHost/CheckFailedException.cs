namespace MtlSharing.Distributed.TestHost;

/// <summary>A scenario's check failed on this rank; the job is aborted so that no rank waits.</summary>
internal sealed class CheckFailedException(string message) : Exception(message)
{
    /// <summary>Throws unless the condition holds.</summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CheckFailedException(message);
        }
    }
}
