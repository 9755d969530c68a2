using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing.Tests.Data;

/// <summary>
/// Reads the real Fashion-MNIST files where the sample finds them. The expected numbers are published facts
/// of the dataset (60 000 / 10 000 images, 6 000 / 1 000 per class) and values read from the files with
/// Python's gzip module.
/// </summary>
public sealed class FashionMnistTests
{
    [FashionMnistFact]
    public void The_training_split_has_60000_images_6000_per_class()
    {
        var directory = DatasetLocator.FashionMnistDirectory();
        using var scope = NewDisposeScope();

        var images = IdxReader.ReadImages(FashionMnist.FindFile(directory, FashionMnist.TrainImages)!);
        var labels = IdxReader.ReadLabels(FashionMnist.FindFile(directory, FashionMnist.TrainLabels)!);

        images.shape.Should().Equal(60000, 1, 28, 28);
        images.min().ToSingle().Should().Be(0f);
        images.max().ToSingle().Should().Be(1f);
        labels.data<long>().ToArray().Take(10).Should().Equal(9, 0, 0, 3, 0, 2, 7, 2, 5, 5);
        labels.data<long>().ToArray().GroupBy(l => l).Select(g => (g.Key, g.Count())).Order()
            .Should().Equal(Enumerable.Range(0, 10).Select(c => ((long)c, 6000)));
        (images[0].sum().ToSingle() * 255).Should().BeApproximately(76247, 0.5f);
        (images[0, 0][14][14].ToSingle() * 255).Should().BeApproximately(217, 1e-3f);
    }

    [FashionMnistFact]
    public void The_test_split_loads_as_a_dataset()
    {
        using var dataset = FashionMnist.Load(train: false, DatasetLocator.FashionMnistDirectory());
        using var scope = NewDisposeScope();

        var (images, labels) = dataset.Get([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        dataset.Count.Should().Be(10000);
        labels.data<long>().ToArray().Should().Equal(9, 2, 1, 1, 6, 1, 4, 6, 5, 7);
        (images[0].sum().ToSingle() * 255).Should().BeApproximately(33456, 0.5f);
    }
}
