namespace MtlSharing.Distributed;

/// <summary>What one rank has spent on communication since training started.</summary>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="BytesAllReduced">Bytes of gradients and buffers this rank all-reduced.</param>
/// <param name="CommunicationSeconds">Time spent inside collectives during steps (waiting for slower ranks included).</param>
public sealed record CommunicationStatistics(long Steps, long BytesAllReduced, double CommunicationSeconds)
{
    /// <summary>Bytes all-reduced per step.</summary>
    public double BytesPerStep => Steps == 0 ? 0 : (double)BytesAllReduced / Steps;
}
