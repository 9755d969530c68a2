namespace MtlSharing.CostModel;

/// <summary>
/// The network between ranks, as the ring all-reduce sees it: a bandwidth per link and a latency
/// per message.
/// </summary>
/// <param name="GigabitsPerSecond">W, in Gb/s (10⁹ bits per second).</param>
/// <param name="LatencySeconds">α, the time one message takes apart from its bytes.</param>
internal sealed record Network(double GigabitsPerSecond, double LatencySeconds)
{
    /// <summary>α for a datacentre network: 5 µs.</summary>
    public const double DatacentreLatency = 5e-6;

    /// <summary>W in bytes per second.</summary>
    public double BytesPerSecond => GigabitsPerSecond * 1e9 / 8;

    /// <summary>
    /// Seconds for a ring all-reduce of <paramref name="bytes"/> over <paramref name="ranks"/>
    /// ranks: 2(N − 1)/N × B / W + 2(N − 1) × α (a reduce-scatter and an all-gather, N − 1
    /// messages each); 0 when one rank holds the buffer or there is nothing to send.
    /// </summary>
    /// <param name="bytes">B, the buffer each rank contributes.</param>
    /// <param name="ranks">N.</param>
    /// <returns>The seconds.</returns>
    public double AllReduceSeconds(long bytes, int ranks) =>
        ranks <= 1 || bytes == 0 ? 0 : 2.0 * (ranks - 1) / ranks * bytes / BytesPerSecond + 2.0 * (ranks - 1) * LatencySeconds;
}
