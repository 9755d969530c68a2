using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Data;

public sealed class MultiLabelDataLoaderTests
{
    [Fact]
    public void Batches_carry_every_task_s_labels_for_their_samples()
    {
        using var dataset = MultiLabelTensorDatasetTests.Create(7);
        var loader = new MultiLabelDataLoader(dataset, new DataLoaderOptions { BatchSize = 3, Seed = 4 });
        using var scope = NewDisposeScope();

        var seen = new List<long>();
        foreach (var (inputs, labels) in loader.Epoch(0))
        {
            var ids = TinyData.SampleIds(inputs);
            seen.AddRange(ids);
            labels["parity"].data<long>().ToArray().Should().Equal(ids.Select(i => i % 2));
            labels["thirds"].data<long>().ToArray().Should().Equal(ids.Select(i => i % 3 == 0 ? -100 : i % 3));
        }

        loader.BatchesPerEpoch.Should().Be(3);
        loader.Tasks.Should().Equal("parity", "thirds");
        seen.Should().BeEquivalentTo(Enumerable.Range(0, 7).Select(i => (long)i));
    }

    [Fact]
    public void It_shuffles_like_DataLoader_and_resumes_at_a_batch()
    {
        using var multi = MultiLabelTensorDatasetTests.Create(11);
        using var single = TinyData.Indexed(11);
        var options = new DataLoaderOptions { BatchSize = 2, Seed = 9, DropLast = true };
        var loader = new MultiLabelDataLoader(multi, options);
        using var scope = NewDisposeScope();

        var full = loader.Epoch(4).Select(b => TinyData.SampleIds(b.Inputs)).ToList();
        var tail = loader.Epoch(4, startBatch: 3).Select(b => TinyData.SampleIds(b.Inputs)).ToList();
        var sameSeed = new DataLoader(single, options).Epoch(4).Select(b => TinyData.SampleIds(b.Inputs)).ToList();

        full.Should().HaveCount(5);
        tail.Should().BeEquivalentTo(full.Skip(3), o => o.WithStrictOrdering());
        sameSeed.Should().BeEquivalentTo(full, o => o.WithStrictOrdering(), "both loaders order an epoch from (seed, epoch) alone");
    }

    [Fact]
    public void DropLast_with_a_batch_over_the_dataset_throws_at_construction()
    {
        using var dataset = MultiLabelTensorDatasetTests.Create(5);

        var act = () => new MultiLabelDataLoader(dataset, new DataLoaderOptions { BatchSize = 6, DropLast = true });

        act.Should().Throw<ArgumentException>().WithMessage("*batch size 6*5 samples*");
    }
}
