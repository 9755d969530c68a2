namespace MtlSharing.Training.Data;

/// <summary>Takes the first samples of a dataset, or splits it in two at random with a seed, without copying tensors.</summary>
public static class DatasetSplit
{
    /// <summary>The first <paramref name="count"/> samples, in order.</summary>
    /// <param name="source">The dataset.</param>
    /// <param name="count">How many samples, in [0, source.Count].</param>
    /// <returns>A view of samples 0 … count − 1.</returns>
    public static Subset First(ITaskDataset source, long count)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCount(count, source.Count);
        return new Subset(source, SubsetIndices.Range(0, count));
    }

    /// <summary>The first <paramref name="count"/> samples, in order.</summary>
    /// <param name="source">The dataset.</param>
    /// <param name="count">How many samples, in [0, source.Count].</param>
    /// <returns>A view of samples 0 … count − 1.</returns>
    public static MultiLabelSubset First(IMultiLabelDataset source, long count)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCount(count, source.Count);
        return new MultiLabelSubset(source, SubsetIndices.Range(0, count));
    }

    /// <summary>
    /// Splits the samples at random into two disjoint parts that together hold every sample once.
    /// The split depends only on <paramref name="seed"/> and the dataset's size.
    /// </summary>
    /// <param name="source">The dataset.</param>
    /// <param name="firstCount">The size of the first part, in [0, source.Count]; the second part has the rest.</param>
    /// <param name="seed">The seed of the random permutation.</param>
    /// <returns>The two parts.</returns>
    public static (Subset First, Subset Second) Random(ITaskDataset source, long firstCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCount(firstCount, source.Count);
        var order = SubsetIndices.Permutation(source.Count, seed);
        return (new Subset(source, order[..(int)firstCount]), new Subset(source, order[(int)firstCount..]));
    }

    /// <summary>
    /// Splits the samples at random into two disjoint parts that together hold every sample once.
    /// The split depends only on <paramref name="seed"/> and the dataset's size.
    /// </summary>
    /// <param name="source">The dataset.</param>
    /// <param name="firstCount">The size of the first part, in [0, source.Count]; the second part has the rest.</param>
    /// <param name="seed">The seed of the random permutation.</param>
    /// <returns>The two parts.</returns>
    public static (MultiLabelSubset First, MultiLabelSubset Second) Random(IMultiLabelDataset source, long firstCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckCount(firstCount, source.Count);
        var order = SubsetIndices.Permutation(source.Count, seed);
        return (new MultiLabelSubset(source, order[..(int)firstCount]), new MultiLabelSubset(source, order[(int)firstCount..]));
    }

    private static void CheckCount(long count, long available)
    {
        if (count < 0 || count > available)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the dataset has {available} samples; the count must be in [0, {available}]");
        }
    }
}
