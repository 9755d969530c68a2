using System.Buffers.Binary;
using System.IO.Compression;

namespace MtlSharing.Tests.Shared;

/// <summary>
/// Writes small IDX files (big-endian header, then unsigned bytes), plain or gzipped. Shared by the
/// test projects that make stand-in data sets (linked source, internal to each).
/// </summary>
internal static class IdxFiles
{
    public static byte[] Images(int count, int rows, int columns, Func<int, byte> pixel) =>
        Build(0x00000803, [count, rows, columns], pixel);

    public static byte[] Labels(params byte[] labels) => Build(0x00000801, [labels.Length], i => labels[i]);

    public static byte[] Build(int magic, int[] dims, Func<int, byte> value)
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

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }
}
