using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>
/// Writes pickle programs by hand, one opcode per call, and wraps them in a zip laid out as
/// torch.save lays it out (archive/data.pkl, archive/data/&lt;key&gt;), to test the reader on
/// inputs whose meaning is known exactly.
/// </summary>
internal sealed class PickleBuilder
{
    private readonly MemoryStream program = new();

    public PickleBuilder Op(char opcode) => Op((byte)opcode);

    public PickleBuilder Op(byte opcode)
    {
        program.WriteByte(opcode);
        return this;
    }

    public PickleBuilder Raw(params byte[] bytes)
    {
        program.Write(bytes);
        return this;
    }

    public PickleBuilder Proto(byte version) => Op(0x80).Raw(version);

    public PickleBuilder Mark() => Op('(');

    public PickleBuilder Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Op('X').Raw(BitConverter.GetBytes((uint)utf8.Length));
        return Raw(utf8);
    }

    public PickleBuilder Int(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            return Op('J').Raw(BitConverter.GetBytes((int)value));
        }

        return Op(0x8a).Raw(8).Raw(BitConverter.GetBytes(value));
    }

    public PickleBuilder Float(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return Op('G').Raw(bytes);
    }

    public PickleBuilder Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleBuilder Put(byte slot) => Op('q').Raw(slot);

    public PickleBuilder Get(byte slot) => Op('h').Raw(slot);

    /// <summary>The persistent id of a storage: ('storage', torch.&lt;type&gt;, key, 'cpu', numel).</summary>
    public PickleBuilder Storage(string type, string key, long numel) =>
        Mark().Str("storage").Global("torch", type).Str(key).Str("cpu").Int(numel).Op('t').Op('Q');

    /// <summary>Pushes _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict()).</summary>
    public PickleBuilder Tensor(string type, string key, long numel, long offset, long[] size, long[] stride, bool requiresGrad = false)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Mark().Storage(type, key, numel).Int(offset);
        Ints(size).Ints(stride).Op(requiresGrad ? (byte)0x88 : (byte)0x89);
        return Global("collections", "OrderedDict").Op(')').Op('R').Op('t').Op('R');
    }

    public PickleBuilder Ints(long[] values)
    {
        Mark();
        foreach (var value in values)
        {
            Int(value);
        }

        return Op('t');
    }

    public byte[] Bytes() => program.ToArray();

    /// <summary>A zip holding this program as archive/data.pkl, plus storage records.</summary>
    public byte[] Checkpoint(params (string Key, byte[] Data)[] storages) =>
        Zip([("archive/data.pkl", Bytes()), .. storages.Select(s => ("archive/data/" + s.Key, s.Data))]);

    public static byte[] Zip(params (string Name, byte[] Data)[] records)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in records)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                entry.Write(data);
            }
        }

        return buffer.ToArray();
    }
}
