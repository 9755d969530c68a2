using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Writes one bare tensor in PyTorch's zip format, the file Python's <c>torch.save(tensor, path)</c>
/// writes: archive/data.pkl holds a protocol-2 pickle of
/// <c>torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())</c> and
/// archive/data/0 the storage's bytes.
/// </summary>
/// <remarks>
/// Written by hand because PyBridge's <see cref="TorchSharp.PyBridge.PyTorchPickler"/> only pickles a
/// dictionary at the top, and the hooks of the Razorvine pickler below it are process-wide
/// registries in which PyBridge already owns the entry for <see cref="torch.Tensor"/>. The program
/// is a fixed sequence of a dozen opcodes.
/// </remarks>
internal static class TensorFileWriter
{
    private const string Folder = "archive/";

    /// <summary>Writes <paramref name="tensor"/>, prepared by <see cref="SavedTensor.Prepare"/>, to <paramref name="destination"/>, which is left open.</summary>
    public static void Write(torch.Tensor tensor, Stream destination)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        WriteRecord(zip, "data.pkl", stream => stream.Write(Pickle(tensor)));
        WriteRecord(zip, "data/0", stream => tensor.WriteBytesToStream(stream, bufferSize: 1 << 16));
        WriteRecord(zip, "byteorder", stream => stream.Write("little"u8));
        WriteRecord(zip, "version", stream => stream.Write("3\n"u8));
    }

    private static void WriteRecord(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(Folder + name, CompressionLevel.NoCompression).Open();
        write(stream);
    }

    private static byte[] Pickle(torch.Tensor tensor)
    {
        using var pickle = new MemoryStream();
        pickle.Write([(byte)PickleOpcode.Proto, 2]);
        Global(pickle, "torch._utils", "_rebuild_tensor_v2");
        pickle.WriteByte((byte)PickleOpcode.Mark);

        // The persistent id ('storage', torch.<Type>Storage, '0', 'cpu', numel).
        pickle.WriteByte((byte)PickleOpcode.Mark);
        String(pickle, "storage");
        Global(pickle, "torch", StorageTypes.NameOf(tensor.dtype));
        String(pickle, "0");
        String(pickle, "cpu");
        Int(pickle, tensor.numel());
        pickle.WriteByte((byte)PickleOpcode.Tuple);
        pickle.WriteByte((byte)PickleOpcode.BinPersId);

        Int(pickle, 0);
        Tuple(pickle, tensor.shape);
        Tuple(pickle, tensor.stride());
        pickle.WriteByte((byte)PickleOpcode.NewFalse);
        Global(pickle, "collections", "OrderedDict");
        pickle.Write([(byte)PickleOpcode.EmptyTuple, (byte)PickleOpcode.Reduce]);

        pickle.Write([(byte)PickleOpcode.Tuple, (byte)PickleOpcode.Reduce, (byte)PickleOpcode.Stop]);
        return pickle.ToArray();
    }

    private static void Global(Stream pickle, string module, string name)
    {
        pickle.WriteByte((byte)PickleOpcode.Global);
        pickle.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
    }

    private static void String(Stream pickle, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
        pickle.WriteByte((byte)PickleOpcode.BinUnicode);
        pickle.Write(length);
        pickle.Write(utf8);
    }

    private static void Int(Stream pickle, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            pickle.WriteByte((byte)PickleOpcode.BinInt);
            pickle.Write(bytes[..4]);
            return;
        }

        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        pickle.Write([(byte)PickleOpcode.Long1, 8]);
        pickle.Write(bytes);
    }

    private static void Tuple(Stream pickle, long[] values)
    {
        pickle.WriteByte((byte)PickleOpcode.Mark);
        foreach (var value in values)
        {
            Int(pickle, value);
        }

        pickle.WriteByte((byte)PickleOpcode.Tuple);
    }
}
