namespace MtlSharing.Training.Data;

/// <summary>Index arithmetic shared by <see cref="Subset"/>, <see cref="MultiLabelSubset"/> and <see cref="DatasetSplit"/>.</summary>
internal static class SubsetIndices
{
    /// <summary>The source indices of the requested subset samples.</summary>
    public static long[] Map(long[] subset, ReadOnlySpan<long> requested)
    {
        OwnedTensors.CheckIndices(requested, subset.LongLength);
        var mapped = new long[requested.Length];
        for (var i = 0; i < requested.Length; i++)
        {
            mapped[i] = subset[requested[i]];
        }

        return mapped;
    }

    /// <summary>0, 1, …, count − 1.</summary>
    public static long[] Range(long start, long count)
    {
        var range = new long[count];
        for (long i = 0; i < count; i++)
        {
            range[i] = start + i;
        }

        return range;
    }

    /// <summary>A permutation of 0 … count − 1 that depends only on the seed (Fisher–Yates).</summary>
    public static long[] Permutation(long count, long seed)
    {
        var order = Range(0, count);
        var random = SeedMix.Create(seed, SeedMix.SplitPurpose);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
