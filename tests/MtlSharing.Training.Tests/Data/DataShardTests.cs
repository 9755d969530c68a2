using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Data;

public sealed class DataShardTests
{
    private static List<long[]> EpochIds(DataLoader loader, int epoch)
    {
        using var scope = NewDisposeScope();
        return loader.Epoch(epoch).Select(batch => TinyData.SampleIds(batch.Inputs)).ToList();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ShardsAreDisjointAndTogetherEachBatchIsTheBatchOfOneLoaderWithTheirCombinedSize(int shards)
    {
        using var dataset = TinyData.Indexed(25);
        var options = new DataLoaderOptions { BatchSize = 2, Shuffle = true, Seed = 4 };
        var whole = EpochIds(new DataLoader(dataset, options with { BatchSize = 2 * shards }), epoch: 1);
        var parts = Enumerable.Range(0, shards).Select(i => EpochIds(new DataLoader(dataset, options with { Shard = new DataShard(i, shards) }), epoch: 1)).ToList();

        var perShard = 25 / shards;
        parts.Should().AllSatisfy(p => p.Sum(b => b.Length).Should().Be(perShard, "the tail that cannot fill every shard is left out"));
        parts.SelectMany(p => p.SelectMany(b => b)).Should().OnlyHaveUniqueItems();
        for (var batch = 0; batch < parts[0].Count; batch++)
        {
            parts.SelectMany(p => p[batch]).Should().BeEquivalentTo(whole[batch], $"batch {batch} of the shards together is batch {batch} of the whole");
        }
    }

    [Fact]
    public void AShardOfOneIsTheWholeDataset()
    {
        using var dataset = TinyData.Indexed(9);
        var options = new DataLoaderOptions { BatchSize = 4, Seed = 2 };

        EpochIds(new DataLoader(dataset, options with { Shard = DataShard.Whole }), 3).Should().BeEquivalentTo(EpochIds(new DataLoader(dataset, options), 3), o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(2, 2, "shard 2 of 2 is not a shard")]
    [InlineData(-1, 2, "shard -1 of 2 is not a shard")]
    [InlineData(0, 0, "shard 0 of 0 is not a shard")]
    public void AnIndexOutsideTheShardsIsRefused(int index, int count, string message)
    {
        using var dataset = TinyData.Indexed(9);

        var make = () => new DataLoader(dataset, new DataLoaderOptions { Shard = new DataShard(index, count) });

        make.Should().Throw<ArgumentException>().WithMessage($"{message}*");
    }

    [Fact]
    public void MoreShardsThanSamplesIsRefusedWithWhatWouldWork()
    {
        using var dataset = TinyData.Indexed(3);

        var make = () => new DataLoader(dataset, new DataLoaderOptions { BatchSize = 1, Shard = new DataShard(0, 4) });

        make.Should().Throw<ArgumentException>().WithMessage("the dataset's 3 samples cannot give each of 4 shards a sample; use fewer processes for this task or more data*");
    }
}
