using MtlSharing.Torch.Serialization;

namespace MtlSharing.Torch;

public static partial class torch
{
    private const string StreamSource = "from the stream";

    /// <summary>
    /// Saves a state dict in PyTorch's zip format, so <c>torch.load(path)</c> in Python opens it.
    /// Tensors are stored detached and contiguous, in the dictionary's order. The file is replaced
    /// atomically: it is written to a temporary file in the same directory, flushed to disk and
    /// renamed, so a failure or crash leaves any previous file intact.
    /// </summary>
    /// <param name="state">The named tensors, for example a module's state_dict().</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The state is null, holds a null tensor, or the path is empty.</exception>
    /// <exception cref="ObjectDisposedException">A tensor of the state has been disposed.</exception>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing failed.</exception>
    public static void save(IReadOnlyDictionary<string, Tensor> state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var checkpoint = CheckpointWriter.Serialize(state);
        AtomicFile.Write(path, checkpoint.WriteTo);
    }

    /// <summary>Saves a state dict in PyTorch's zip format to a stream, which is left open.</summary>
    /// <param name="state">The named tensors, for example a module's state_dict().</param>
    /// <param name="stream">A writable stream; the checkpoint is written at its current position.</param>
    /// <exception cref="ArgumentException">The state or stream is null, or the stream is not writable.</exception>
    /// <exception cref="ObjectDisposedException">A tensor of the state has been disposed.</exception>
    public static void save(IReadOnlyDictionary<string, Tensor> state, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the stream is not writable", nameof(stream));
        }

        using var checkpoint = CheckpointWriter.Serialize(state);
        checkpoint.WriteTo(stream);
    }

    /// <summary>
    /// Loads a checkpoint in PyTorch's zip format, as written by <see cref="save(IReadOnlyDictionary{string, Tensor}, string)"/>
    /// or by <c>torch.save(model.state_dict(), path)</c> in Python. Nested dicts become dotted keys,
    /// numbers become zero-dimensional tensors (int to int64, float to float64), and None entries are
    /// left out. Tensors are loaded on the CPU and keep the file's order; tensors that shared a
    /// storage in the file share it here too.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <returns>The named tensors; they join the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="FileNotFoundException">No file exists at the path.</exception>
    /// <exception cref="InvalidDataException">The file is empty, truncated, corrupt or not a checkpoint; the message names the path and the reason.</exception>
    public static Dictionary<string, Tensor> load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no checkpoint file exists at '{full}'", full);
        }

        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Load(stream, $"'{full}'");
    }

    /// <summary>Loads a checkpoint in PyTorch's zip format from a stream, which is left open.</summary>
    /// <param name="stream">A readable stream positioned at the start of the checkpoint; it is read to its end.</param>
    /// <returns>The named tensors; they join the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentException">The stream is null or not readable.</exception>
    /// <exception cref="InvalidDataException">The stream holds no valid checkpoint; the message gives the reason.</exception>
    public static Dictionary<string, Tensor> load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("the stream is not readable", nameof(stream));
        }

        if (stream.CanSeek && stream.Position == 0)
        {
            return Load(stream, StreamSource);
        }

        // Zip offsets count from the start of the stream, so a checkpoint that starts later is copied.
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return Load(copy, StreamSource);
    }

    private static Dictionary<string, Tensor> Load(Stream stream, string source)
    {
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> state;
        try
        {
            using var archive = CheckpointArchive.Open(stream);
            state = StateDictFlattener.Flatten(archive.ReadObject());
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or TorchException or NotSupportedException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"cannot load the checkpoint {source}: {e.Message}", e);
        }

        foreach (var tensor in state.Values)
        {
            scope.MoveToOuter(tensor);
        }

        return state;
    }
}
