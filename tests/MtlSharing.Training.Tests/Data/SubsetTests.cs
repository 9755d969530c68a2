using MtlSharing.Training.Data;
using static FluentAssertions.FluentActions;

namespace MtlSharing.Training.Tests.Data;

public sealed class SubsetTests
{
    [Fact]
    public void A_subset_maps_its_indices_to_the_source()
    {
        using var source = TinyData.Indexed(10);
        using var scope = NewDisposeScope();
        var subset = new Subset(source, [7, 2, 9]);

        var (inputs, labels) = subset.Get([2, 0]);

        subset.Count.Should().Be(3);
        TinyData.SampleIds(inputs).Should().Equal(9, 7);
        labels.data<long>().ToArray().Should().Equal(9, 7);
        Invoking(() => subset.Get([3])).Should().Throw<ArgumentOutOfRangeException>();
        Invoking(() => new Subset(source, [10])).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void First_takes_the_first_samples_in_order()
    {
        using var source = TinyData.Indexed(10);

        var first = DatasetSplit.First(source, 4);

        first.Indices.Should().Equal(0, 1, 2, 3);
        Invoking(() => DatasetSplit.First(source, 11)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*10 samples*");
    }

    [Fact]
    public void A_random_split_partitions_the_samples_and_depends_on_the_seed_only()
    {
        using var source = TinyData.Indexed(20);

        var (train, test) = DatasetSplit.Random(source, 15, seed: 1);
        var (trainAgain, _) = DatasetSplit.Random(source, 15, seed: 1);
        var (otherTrain, _) = DatasetSplit.Random(source, 15, seed: 2);

        train.Count.Should().Be(15);
        test.Count.Should().Be(5);
        train.Indices.Concat(test.Indices).Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => (long)i));
        train.Indices.Should().NotEqual(Enumerable.Range(0, 15).Select(i => (long)i), "the split is random");
        trainAgain.Indices.Should().Equal(train.Indices);
        otherTrain.Indices.Should().NotEqual(train.Indices);
    }

    [Fact]
    public void Multi_label_datasets_split_the_same_way()
    {
        using var source = MultiLabelTensorDatasetTests.Create(9);
        using var scope = NewDisposeScope();

        var first = DatasetSplit.First(source, 2);
        var (a, b) = DatasetSplit.Random(source, 4, seed: 3);
        var (inputs, labels) = new MultiLabelSubset(source, [8, 3]).Get([0, 1]);

        first.Indices.Should().Equal(0, 1);
        first.Tasks.Should().Equal("parity", "thirds");
        a.Indices.Concat(b.Indices).Should().BeEquivalentTo(Enumerable.Range(0, 9).Select(i => (long)i));
        inputs.data<float>().ToArray().Should().Equal(8, 3);
        labels["parity"].data<long>().ToArray().Should().Equal(0, 1);
    }
}
