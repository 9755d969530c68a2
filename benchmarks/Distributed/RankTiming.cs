namespace MtlSharing.DistributedBench;

/// <summary>What one rank measured over the timed steps; gathered from every rank to rank 0 as JSON.</summary>
/// <param name="Steps">The timed steps.</param>
/// <param name="Seconds">Wall-clock time of the timed steps on this rank.</param>
/// <param name="CommunicationSeconds">Of that, the time inside collectives (waiting for the slower rank included).</param>
/// <param name="BytesAllReduced">Bytes of gradients and buffers all-reduced in the timed steps.</param>
/// <param name="ParametersHeld">The parameters this rank holds for training: shared ones and those of its tasks.</param>
/// <param name="TasksTrained">The tasks this rank trains each step.</param>
internal sealed record RankTiming(int Steps, double Seconds, double CommunicationSeconds, long BytesAllReduced, long ParametersHeld, int TasksTrained)
{
    /// <summary>The share of the step time spent in collectives.</summary>
    public double CommunicationShare => CommunicationSeconds / Seconds;

    /// <summary>Bytes all-reduced per timed step.</summary>
    public double BytesPerStep => (double)BytesAllReduced / Steps;
}
