using System.Buffers.Binary;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data;

/// <summary>
/// Reads the IDX files of MNIST and Fashion-MNIST (plain or gzip-compressed; gzip is recognised by its
/// magic bytes 1f 8b, not by the file name). Images become float32 <c>[N, 1, rows, cols]</c> scaled to [0, 1];
/// labels become int64 <c>[N]</c>. A file whose magic number, dimensions or length is wrong raises
/// <see cref="InvalidDataException"/> naming the file.
/// </summary>
public static class IdxReader
{
    /// <summary>The magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file (magic 0x00000803): N images of rows × cols bytes.</summary>
    /// <param name="path">The file, gzipped or not.</param>
    /// <returns>Float32 <c>[N, 1, rows, cols]</c>, each byte divided by 255.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX image file.</exception>
    public static Tensor ReadImages(string path)
    {
        var (content, dims) = ReadIdx(path, ImagesMagic, "image");
        if (dims[1] < 1 || dims[2] < 1)
        {
            throw new InvalidDataException($"'{path}' declares images of {dims[1]} × {dims[2]} pixels; both sides must be at least 1");
        }

        using var bytes = tensor(Payload(content, dims).ToArray(), [dims[0], 1, dims[1], dims[2]]);
        using var floats = bytes.to(ScalarType.Float32);
        return floats.div(255.0);
    }

    /// <summary>Reads a label file (magic 0x00000801): N labels of one byte each.</summary>
    /// <param name="path">The file, gzipped or not.</param>
    /// <returns>Int64 <c>[N]</c>.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX label file.</exception>
    public static Tensor ReadLabels(string path)
    {
        var (content, dims) = ReadIdx(path, LabelsMagic, "label");
        using var bytes = tensor(Payload(content, dims).ToArray(), [dims[0]]);
        return bytes.to(ScalarType.Int64);
    }

    /// <summary>Reads an image file and its label file into a dataset.</summary>
    /// <param name="imagesPath">The image file.</param>
    /// <param name="labelsPath">The label file; it must hold as many labels as there are images.</param>
    /// <returns>A dataset the caller disposes.</returns>
    /// <exception cref="InvalidDataException">A file is malformed, or the counts differ.</exception>
    public static TensorDataset ReadDataset(string imagesPath, string labelsPath)
    {
        using var images = ReadImages(imagesPath);
        using var labels = ReadLabels(labelsPath);
        if (images.size(0) != labels.size(0))
        {
            throw new InvalidDataException(
                $"'{imagesPath}' holds {images.size(0)} images but '{labelsPath}' holds {labels.size(0)} labels");
        }

        return new TensorDataset(images, labels);
    }

    private static ReadOnlySpan<byte> Payload(byte[] content, long[] dims) =>
        content.AsSpan(HeaderLength(dims.Length));

    private static int HeaderLength(int dimensionCount) => 4 + (4 * dimensionCount);

    private static (byte[] Content, long[] Dims) ReadIdx(string path, int expectedMagic, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = ReadContent(path);
        var dimensionCount = expectedMagic & 0xFF;
        var headerLength = HeaderLength(dimensionCount);
        if (content.Length < 4)
        {
            throw new InvalidDataException($"'{path}' is too short ({content.Length} bytes) to be an IDX {kind} file");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"'{path}' is not an IDX {kind} file: its magic number is 0x{magic:X8}, expected 0x{expectedMagic:X8}");
        }

        if (content.Length < headerLength)
        {
            throw new InvalidDataException($"'{path}' is truncated: its header needs {headerLength} bytes but the file has {content.Length}");
        }

        var dims = new long[dimensionCount];
        Int128 payload = 1;
        for (var i = 0; i < dimensionCount; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + (4 * i)));
            if (dims[i] < 0)
            {
                throw new InvalidDataException($"'{path}' declares a negative size {dims[i]} for dimension {i}");
            }

            payload *= dims[i];
        }

        var expected = headerLength + payload;
        if (content.Length != expected)
        {
            var problem = content.Length < expected ? "is truncated" : "has trailing bytes";
            throw new InvalidDataException(
                $"'{path}' {problem}: its header declares [{string.Join(", ", dims)}], which needs {expected} bytes, but the file has {content.Length}");
        }

        return (content, dims);
    }

    private static byte[] ReadContent(string path)
    {
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
        {
            return raw;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            gzip.CopyTo(decompressed);
            return decompressed.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is a corrupt gzip file: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is a truncated gzip file: {e.Message}", e);
        }
    }
}
