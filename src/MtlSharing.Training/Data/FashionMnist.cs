namespace MtlSharing.Training.Data;

/// <summary>Loads Fashion-MNIST (60 000 training and 10 000 test images of clothing, 10 classes) from its IDX files.</summary>
public static class FashionMnist
{
    /// <summary>The training images file, without the optional ".gz".</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>The training labels file, without the optional ".gz".</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>The test images file, without the optional ".gz".</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>The test labels file, without the optional ".gz".</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The four file names, without the optional ".gz".</summary>
    public static IReadOnlyList<string> FileNames { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>Loads the training or the test split.</summary>
    /// <param name="train">True for the training split, false for the test split.</param>
    /// <param name="directory">The folder of the files (the library does not look for data sets itself).</param>
    /// <returns>Images float32 <c>[N, 1, 28, 28]</c> in [0, 1] and int64 labels, as a dataset the caller disposes.</returns>
    /// <exception cref="FileNotFoundException">A file is missing from the given directory.</exception>
    public static TensorDataset Load(bool train, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return IdxReader.ReadDataset(
            RequireFile(directory, train ? TrainImages : TestImages),
            RequireFile(directory, train ? TrainLabels : TestLabels));
    }

    /// <summary>The path of a file in the folder: its gzipped form if present, else its plain form.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">One of the <see cref="FileNames"/>.</param>
    /// <returns>The existing path, or null when neither form exists.</returns>
    public static string? FindFile(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var plain = Path.Combine(directory, name);
        var gzipped = plain + ".gz";
        return File.Exists(gzipped) ? gzipped : File.Exists(plain) ? plain : null;
    }

    private static string RequireFile(string directory, string name) =>
        FindFile(directory, name)
        ?? throw new FileNotFoundException($"'{directory}' holds neither {name}.gz nor {name}", Path.Combine(directory, name));
}
