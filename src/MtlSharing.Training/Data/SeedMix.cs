namespace MtlSharing.Training.Data;

/// <summary>
/// Derives independent, reproducible <see cref="Random"/> streams from a seed and a few integers
/// (an epoch, a batch, a purpose). The mix is SplitMix64, so it does not depend on the process
/// (unlike <see cref="HashCode"/>) and nearby inputs give unrelated streams.
/// </summary>
internal static class SeedMix
{
    /// <summary>The purpose of the stream that shuffles an epoch.</summary>
    public const long ShufflePurpose = 0x5348;

    /// <summary>The purpose of the stream a transform draws from for one batch.</summary>
    public const long TransformPurpose = 0x5452;

    /// <summary>The purpose of the stream that splits a dataset at random.</summary>
    public const long SplitPurpose = 0x5350;

    /// <summary>The purpose of the stream a task sampler draws from for one epoch.</summary>
    public const long SamplerPurpose = 0x5341;

    /// <summary>A random stream that depends only on the seed and the parts, in order.</summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="parts">The integers that select the stream.</param>
    /// <returns>A new <see cref="Random"/>.</returns>
    public static Random Create(long seed, params ReadOnlySpan<long> parts)
    {
        var state = Next(unchecked((ulong)seed));
        foreach (var part in parts)
        {
            state = Next(state ^ unchecked((ulong)part));
        }

        return new Random(unchecked((int)(state ^ (state >> 32))));
    }

    private static ulong Next(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
