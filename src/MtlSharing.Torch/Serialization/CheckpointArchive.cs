using System.IO.Compression;
using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Serialization;

/// <summary>
/// One checkpoint in PyTorch's zip format: a folder holding data.pkl (the pickled object) and
/// data/&lt;key&gt; (the raw bytes of each storage, little-endian). Reads the pickle and turns
/// PyTorch's storage references and tensor-rebuilding calls into tensors on the CPU.
/// </summary>
internal sealed class CheckpointArchive : IPickleHost, IDisposable
{
    private static ReadOnlySpan<byte> ZipMagic => "PK"u8;

    private readonly ZipArchive zip;
    private readonly string folder;
    private readonly Dictionary<string, Tensor> storages = [];

    private CheckpointArchive(ZipArchive zip, string folder)
    {
        this.zip = zip;
        this.folder = folder;
    }

    /// <summary>Opens a checkpoint in a seekable stream; the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The stream holds no checkpoint in PyTorch's zip format.</exception>
    public static CheckpointArchive Open(Stream stream)
    {
        CheckHeader(stream);
        var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var pickle = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length);
        if (pickle is null)
        {
            zip.Dispose();
            throw new InvalidDataException("the zip archive holds no <name>/data.pkl record, so it is not a checkpoint written by torch.save");
        }

        return new CheckpointArchive(zip, pickle.FullName[..^"data.pkl".Length]);
    }

    /// <summary>Unpickles data.pkl; tensors are created in the current dispose scope.</summary>
    public object? ReadObject()
    {
        var order = zip.GetEntry(folder + "byteorder");
        if (order is not null && ReadAll(order) is var bytes && !bytes.AsSpan().SequenceEqual("little"u8))
        {
            throw new InvalidDataException("the checkpoint stores its tensors big-endian, which cannot be read here");
        }

        return new PickleMachine(ReadAll(zip.GetEntry(folder + "data.pkl")!), this).Run();
    }

    /// <inheritdoc/>
    public object PersistentLoad(object? id)
    {
        if (id is not object?[] { Length: 5 } fields || fields[0] is not "storage" || fields[1] is not PickleGlobal type ||
            fields[2] is not string key || fields[4] is not long numel || numel < 0)
        {
            throw new InvalidDataException("a storage reference is not of the form ('storage', type, key, location, numel)");
        }

        if (!storages.TryGetValue(key, out var storage))
        {
            storage = ReadStorage(key, StorageTypes.ScalarTypeOf(type), numel);
            storages[key] = storage;
        }

        return storage;
    }

    /// <inheritdoc/>
    public object? Call(PickleGlobal callable, object?[] args) => TorchGlobals.Call(callable, args);

    /// <summary>Closes the archive (not the stream it reads).</summary>
    public void Dispose() => zip.Dispose();

    private unsafe Tensor ReadStorage(string key, ScalarType dtype, long numel)
    {
        if (numel == 0)
        {
            return empty([0], dtype);
        }

        var byteCount = numel <= long.MaxValue / ElementSize(dtype) ? numel * ElementSize(dtype) : -1;
        var entry = zip.GetEntry(folder + "data/" + key)
            ?? throw new InvalidDataException($"the storage '{key}' has no data/{key} record");
        if (entry.Length != byteCount)
        {
            throw new InvalidDataException($"the record data/{key} holds {entry.Length} bytes but its storage needs {numel} x {dtype}");
        }

        var storage = empty([numel], dtype);
        NativeMethods.Check(NativeMethods.mts_tensor_data_ptr(storage.Handle, out var data));
        using var source = entry.Open();
        for (long done = 0; done < byteCount;)
        {
            var chunk = (int)Math.Min(byteCount - done, 1 << 30);
            source.ReadExactly(new Span<byte>((byte*)data + done, chunk));
            done += chunk;
        }

        return storage;
    }

    private static void CheckHeader(Stream stream)
    {
        Span<byte> head = stackalloc byte[2];
        var length = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        stream.Seek(-length, SeekOrigin.Current);
        if (length == 0)
        {
            throw new InvalidDataException("it is empty");
        }

        if (length < 2 || !head.SequenceEqual(ZipMagic))
        {
            throw new InvalidDataException(head[0] == 0x80
                ? "it is a pickle in torch.save's legacy format (_use_new_zipfile_serialization=False), which cannot be read; re-save it with torch.save's defaults (PyTorch 1.6 or later)"
                : "it is not a zip archive, so not a checkpoint written by torch.save");
        }
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        using var buffer = new MemoryStream();
        source.CopyTo(buffer);
        return buffer.ToArray();
    }
}
