using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Data;

public sealed class DataLoaderTests
{
    private static List<long[]> EpochIds(DataLoader loader, int epoch, int startBatch = 0)
    {
        using var scope = NewDisposeScope();
        return loader.Epoch(epoch, startBatch).Select(batch => TinyData.SampleIds(batch.Inputs)).ToList();
    }

    [Fact]
    public void Batches_in_order_without_shuffle_and_keeps_the_short_last_batch()
    {
        using var dataset = TinyData.Indexed(10);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Shuffle = false });

        loader.BatchesPerEpoch.Should().Be(3);
        EpochIds(loader, 0).Should().BeEquivalentTo(
            new[] { new long[] { 0, 1, 2, 3 }, [4, 5, 6, 7], [8, 9] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void DropLast_leaves_out_the_short_batch()
    {
        using var dataset = TinyData.Indexed(10);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Shuffle = false, DropLast = true });

        loader.BatchesPerEpoch.Should().Be(2);
        EpochIds(loader, 0).Should().BeEquivalentTo(new[] { new long[] { 0, 1, 2, 3 }, [4, 5, 6, 7] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void DropLast_with_an_exact_multiple_keeps_every_batch()
    {
        using var dataset = TinyData.Indexed(8);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, DropLast = true });

        loader.BatchesPerEpoch.Should().Be(2);
        EpochIds(loader, 0).SelectMany(ids => ids).Should().HaveCount(8);
    }

    [Fact]
    public void Labels_travel_with_their_inputs()
    {
        using var dataset = TinyData.Indexed(12, classes: 5);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 5, Seed = 3 });

        using var scope = NewDisposeScope();
        foreach (var (inputs, labels) in loader.Epoch(0))
        {
            labels.dtype.Should().Be(int64);
            labels.data<long>().ToArray().Should().Equal(TinyData.SampleIds(inputs).Select(id => id % 5));
        }
    }

    [Fact]
    public void A_shuffled_epoch_is_a_permutation_that_is_not_the_identity()
    {
        using var dataset = TinyData.Indexed(50);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 8, Seed = 42 });

        var order = EpochIds(loader, 0).SelectMany(ids => ids).ToArray();

        order.Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => (long)i));
        order.Should().NotEqual(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Fact]
    public void The_order_depends_on_seed_and_epoch_only()
    {
        using var dataset = TinyData.Indexed(30);
        var options = new DataLoaderOptions { BatchSize = 7, Seed = 5 };
        var first = new DataLoader(dataset, options);
        var second = new DataLoader(dataset, options);

        var epoch2 = EpochIds(first, 2);
        EpochIds(first, 0);
        EpochIds(second, 2).Should().BeEquivalentTo(epoch2, o => o.WithStrictOrdering());
        EpochIds(first, 2).Should().BeEquivalentTo(epoch2, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Different_epochs_and_seeds_give_different_orders()
    {
        using var dataset = TinyData.Indexed(30);
        var seed5 = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 30, Seed = 5 });
        var seed6 = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 30, Seed = 6 });

        var epoch0 = EpochIds(seed5, 0)[0];
        EpochIds(seed5, 1)[0].Should().NotEqual(epoch0);
        EpochIds(seed6, 0)[0].Should().NotEqual(epoch0);
    }

    [Fact]
    public void Resuming_at_a_batch_yields_the_tail_of_the_full_epoch()
    {
        using var dataset = TinyData.Indexed(23);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Seed = 11 });
        var full = EpochIds(loader, 3);

        full.Should().HaveCount(6);
        for (var start = 0; start <= 6; start++)
        {
            EpochIds(loader, 3, start).Should().BeEquivalentTo(full.Skip(start), o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void Resuming_reproduces_the_transform_of_each_batch()
    {
        using var dataset = TinyData.Indexed(9);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 3, Seed = 2, Transform = new AddNoise() });

        using var scope = NewDisposeScope();
        var full = loader.Epoch(1).Select(b => b.Inputs.data<float>().ToArray()).ToList();
        var tail = loader.Epoch(1, startBatch: 2).Select(b => b.Inputs.data<float>().ToArray()).ToList();

        tail.Should().ContainSingle().Which.Should().Equal(full[2]);
        full[0].Should().NotEqual(full[1], "each batch has its own random stream");
    }

    [Fact]
    public void A_transform_changes_the_inputs_but_not_the_labels()
    {
        using var dataset = TinyData.Indexed(4);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, Shuffle = false, Transform = new MtlSharing.Training.Data.Transforms.Invert() });

        using var scope = NewDisposeScope();
        var (inputs, labels) = loader.Epoch(0).Single();

        inputs.data<float>().ToArray().Should().Equal(1f, 0f, -1f, -2f);
        labels.data<long>().ToArray().Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public void A_batch_larger_than_the_dataset_gives_one_batch_without_DropLast()
    {
        using var dataset = TinyData.Indexed(3);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 64 });

        loader.BatchesPerEpoch.Should().Be(1);
        EpochIds(loader, 0).Single().Should().BeEquivalentTo(new long[] { 0, 1, 2 });
    }

    [Fact]
    public void A_batch_larger_than_the_dataset_with_DropLast_throws_at_construction()
    {
        using var dataset = TinyData.Indexed(3);

        var act = () => new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4, DropLast = true });

        act.Should().Throw<ArgumentException>().WithMessage("*batch size 4*larger than the dataset (3 samples)*DropLast*");
    }

    [Fact]
    public void An_empty_dataset_or_a_bad_batch_size_throws_at_construction()
    {
        using var scope = NewDisposeScope();
        using var empty = new TensorDataset(zeros([0, 2]), zeros([0], int64));
        using var dataset = TinyData.Indexed(3);

        FluentActions.Invoking(() => new DataLoader(empty, new DataLoaderOptions())).Should().Throw<ArgumentException>().WithMessage("*empty*");
        FluentActions.Invoking(() => new DataLoader(dataset, new DataLoaderOptions { BatchSize = 0 })).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Epoch_checks_its_arguments_when_called()
    {
        using var dataset = TinyData.Indexed(10);
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 4 });

        FluentActions.Invoking(() => loader.Epoch(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => loader.Epoch(0, startBatch: 4)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*3 batches*");
        EpochIds(loader, 0, startBatch: 3).Should().BeEmpty();
    }

    /// <summary>Adds one random value per batch, so the test can see which stream a batch used.</summary>
    private sealed class AddNoise : ITransform
    {
        public Tensor Apply(Tensor inputs, Random random) => inputs + random.NextDouble();
    }
}
