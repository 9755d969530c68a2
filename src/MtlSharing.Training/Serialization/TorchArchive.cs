using System.IO.Compression;
using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// One file in PyTorch's zip format: a folder holding data.pkl (the pickled object) and
/// data/&lt;key&gt; (the raw bytes of each storage, little-endian). Reads the pickle and turns
/// PyTorch's storage references and tensor-rebuilding calls into tensors on the CPU; every
/// storage record is checked against the size its reference declares.
/// </summary>
internal sealed class TorchArchive : IPickleHost, IDisposable
{
    private const string PickleName = "data.pkl";

    private readonly ZipArchive zip;
    private readonly string folder;
    private readonly Dictionary<string, torch.Tensor> storages = new(StringComparer.Ordinal);

    private TorchArchive(ZipArchive zip, string folder)
    {
        this.zip = zip;
        this.folder = folder;
    }

    /// <summary>Opens a file in a seekable stream positioned at its start; the caller disposes it.</summary>
    /// <exception cref="InvalidDataException">The stream holds no file in PyTorch's zip format.</exception>
    public static TorchArchive Open(Stream stream)
    {
        CheckHeader(stream);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"it is not a valid zip archive ({e.Message})", e);
        }

        var pickle = zip.Entries.FirstOrDefault(IsTopLevelPickle);
        if (pickle is null)
        {
            zip.Dispose();
            throw new InvalidDataException($"the zip archive holds no <name>/{PickleName} record, so it was not written by torch.save");
        }

        return new TorchArchive(zip, pickle.FullName[..^PickleName.Length]);
    }

    /// <summary>Unpickles data.pkl; tensors are created in the current dispose scope.</summary>
    public object? ReadObject()
    {
        var order = zip.GetEntry(folder + "byteorder");
        if (order is not null && !ReadAll(order).AsSpan().SequenceEqual("little"u8))
        {
            throw new InvalidDataException("the file stores its tensors big-endian, which cannot be read here");
        }

        return new PickleMachine(ReadAll(zip.GetEntry(folder + PickleName)!), this).Run();
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
            storage = ReadStorage(key, StorageTypes.TypeOf(type), numel);
            storages[key] = storage;
        }
        else if (storage.numel() != numel)
        {
            throw new InvalidDataException($"the storage '{key}' is referenced with {storage.numel()} and with {numel} elements");
        }

        return storage;
    }

    /// <inheritdoc/>
    public object? Call(PickleGlobal callable, object?[] args) => TorchGlobals.Call(callable, args);

    /// <summary>Closes the archive (not the stream it reads).</summary>
    public void Dispose() => zip.Dispose();

    private torch.Tensor ReadStorage(string key, torch.ScalarType dtype, long numel)
    {
        var elementSize = StorageTypes.ElementSize(dtype);
        var byteCount = numel <= long.MaxValue / elementSize ? numel * elementSize : -1;
        var entry = zip.GetEntry(folder + "data/" + key)
            ?? throw new InvalidDataException($"the storage '{key}' has no data/{key} record");
        if (entry.Length != byteCount)
        {
            throw new InvalidDataException($"the record data/{key} holds {entry.Length} bytes but its storage needs {numel} x {dtype} ({byteCount} bytes)");
        }

        var storage = torch.empty([numel], dtype);
        if (numel > 0)
        {
            using var source = entry.Open();
            storage.ReadBytesFromStream(source, bufferSize: 1 << 16);
        }

        return storage;
    }

    private static bool IsTopLevelPickle(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        return name.EndsWith("/" + PickleName, StringComparison.Ordinal) && name.IndexOf('/') == name.Length - PickleName.Length - 1;
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

        if (length < 2 || head[0] != (byte)'P' || head[1] != (byte)'K')
        {
            throw new InvalidDataException(head[0] == 0x80
                ? "it is a pickle in torch.save's legacy format (_use_new_zipfile_serialization=False), which cannot be read; re-save it with torch.save's defaults (PyTorch 1.6 or later)"
                : "it is not a zip archive, so it was not written by torch.save");
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
