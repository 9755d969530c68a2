using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Saves and loads state dicts and single tensors in PyTorch's file format, so that Python's
/// <c>torch.load(path)</c> opens what is saved here and files written by <c>torch.save</c> load here.
/// </summary>
/// <remarks>
/// <para>
/// State dicts are written by TorchSharp.PyBridge's <c>PyTorchPickler</c>. This class adds what
/// PyBridge leaves out: atomic replacement of the file; saving slices, transposed and
/// grad-tracking tensors correctly; files holding a bare tensor, as Python's
/// <c>torch.save(tensor, path)</c> writes them; the key order of the file; and one clear
/// <see cref="InvalidDataException"/> for a corrupt file instead of PyBridge's cast, zip and
/// "not implemented" exceptions.
/// </para>
/// <para>
/// Reading does not go through PyBridge's <c>PyTorchUnpickler</c>: it loses the key order (it
/// returns a <see cref="System.Collections.Hashtable"/>), cannot return a top-level tensor, and fails
/// on tensors that are views into a larger storage (Python's <c>torch.save(x[2:5])</c> and
/// transposed tensors). A small reader of the pickle subset that torch.save writes is used instead.
/// </para>
/// <para>
/// Loaded tensors are on the CPU. They join the caller's current dispose scope, if any, and are
/// disposed with it; outside a scope the caller owns them. Tensors that shared a storage in the
/// file share it after loading. Files in torch.save's legacy (pre-1.6, non-zip) format are refused.
/// </para>
/// </remarks>
public static class TorchFiles
{
    private const string StreamSource = "the stream";

    /// <summary>
    /// Saves a state dict in PyTorch's zip format, so <c>torch.load(path)</c> in Python opens it as a
    /// dict. Tensors are stored detached, contiguous and on the CPU, in the dictionary's order. The
    /// file is replaced atomically: it is written to a temporary file in the same directory, flushed
    /// to disk and renamed over the target, so a failure or crash leaves any previous file intact
    /// and a failure leaves no temporary file behind.
    /// </summary>
    /// <param name="state">The named tensors, for example a module's <c>state_dict()</c>.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentNullException">The state is null.</exception>
    /// <exception cref="ArgumentException">The path is null or empty; a tensor is null or of an element type that cannot be saved.</exception>
    /// <exception cref="ObjectDisposedException">A tensor of the state has been disposed.</exception>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing failed.</exception>
    public static void Save(IReadOnlyDictionary<string, torch.Tensor> state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var scope = torch.NewDisposeScope();
        var prepared = StateDictWriter.Prepare(state, nameof(state));
        AtomicFile.Write(path, stream => StateDictWriter.Write(prepared, stream));
    }

    /// <summary>Saves a state dict in PyTorch's zip format to a stream, at its position; the stream is left open.</summary>
    /// <param name="state">The named tensors, for example a module's <c>state_dict()</c>.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentNullException">The state or the stream is null.</exception>
    /// <exception cref="ArgumentException">The stream is not writable; a tensor is null or of an element type that cannot be saved.</exception>
    /// <exception cref="ObjectDisposedException">A tensor of the state has been disposed.</exception>
    public static void Save(IReadOnlyDictionary<string, torch.Tensor> state, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireWritable(stream);
        using var scope = torch.NewDisposeScope();
        var prepared = StateDictWriter.Prepare(state, nameof(state));
        WriteAtStart(stream, destination => StateDictWriter.Write(prepared, destination));
    }

    /// <summary>
    /// Loads a state dict in PyTorch's zip format, as written by <see cref="Save(IReadOnlyDictionary{string, torch.Tensor}, string)"/>,
    /// by PyBridge or by <c>torch.save(model.state_dict(), path)</c> in Python. The keys keep the file's order.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The named tensors, on the CPU; they join the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="FileNotFoundException">No file exists at the path.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, truncated, corrupt, not a zip written by torch.save, or holds something other
    /// than a dict of tensors; the first line of the message names the path and the reason.
    /// </exception>
    public static Dictionary<string, torch.Tensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenRead(path, out var full);
        return TorchFileReader.ReadStateDict(stream, $"'{full}'");
    }

    /// <summary>Loads a state dict in PyTorch's zip format from a stream, which is read from its position to its end and left open.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The named tensors, on the CPU; they join the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentNullException">The stream is null.</exception>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="InvalidDataException">The stream holds no valid state dict; the message gives the reason.</exception>
    public static Dictionary<string, torch.Tensor> Load(Stream stream)
    {
        RequireReadable(stream);
        return TorchFileReader.ReadStateDict(stream, StreamSource);
    }

    /// <summary>
    /// Saves one tensor in PyTorch's zip format, the file Python's <c>torch.save(tensor, path)</c> writes,
    /// so <c>torch.load(path)</c> returns the tensor itself. It is stored detached, contiguous and on the
    /// CPU; the file is replaced atomically, as by <see cref="Save(IReadOnlyDictionary{string, torch.Tensor}, string)"/>.
    /// </summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The tensor is null or of an element type that cannot be saved, or the path is null or empty.</exception>
    /// <exception cref="ObjectDisposedException">The tensor has been disposed.</exception>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing failed.</exception>
    public static void SaveTensor(torch.Tensor tensor, string path)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var scope = torch.NewDisposeScope();
        var prepared = SavedTensor.Prepare(tensor, "the tensor", nameof(tensor));
        AtomicFile.Write(path, stream => TensorFileWriter.Write(prepared, stream));
    }

    /// <summary>Saves one tensor in PyTorch's zip format to a stream, at its position; the stream is left open.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">The tensor or stream is null, the stream is not writable, or the tensor's element type cannot be saved.</exception>
    /// <exception cref="ObjectDisposedException">The tensor has been disposed.</exception>
    public static void SaveTensor(torch.Tensor tensor, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        RequireWritable(stream);
        using var scope = torch.NewDisposeScope();
        var prepared = SavedTensor.Prepare(tensor, "the tensor", nameof(tensor));
        WriteAtStart(stream, destination => TensorFileWriter.Write(prepared, destination));
    }

    /// <summary>
    /// Loads a file holding one bare tensor, as written by <see cref="SaveTensor(torch.Tensor, string)"/> or by
    /// Python's <c>torch.save(tensor, path)</c>, including a slice or transposed view of a larger tensor and
    /// an <c>nn.Parameter</c> (which keeps its <c>requires_grad</c>).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The tensor, on the CPU; it joins the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="FileNotFoundException">No file exists at the path.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, truncated, corrupt, not a zip written by torch.save, or holds something other
    /// than a tensor; the first line of the message names the path and the reason.
    /// </exception>
    public static torch.Tensor LoadTensor(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenRead(path, out var full);
        return TorchFileReader.ReadTensor(stream, $"'{full}'");
    }

    /// <summary>Loads one bare tensor in PyTorch's zip format from a stream, which is read from its position to its end and left open.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The tensor, on the CPU; it joins the current dispose scope, if any.</returns>
    /// <exception cref="ArgumentNullException">The stream is null.</exception>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="InvalidDataException">The stream holds no valid tensor file; the message gives the reason.</exception>
    public static torch.Tensor LoadTensor(Stream stream)
    {
        RequireReadable(stream);
        return TorchFileReader.ReadTensor(stream, StreamSource);
    }

    private static FileStream OpenRead(string path, out string full)
    {
        full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new FileNotFoundException($"cannot load '{full}': it is a directory, not a file", full);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"cannot load '{full}': no file exists there", full);
        }

        return new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    // A zip records offsets from the start of its stream, so one written at a later position is
    // built in memory first and then copied.
    private static void WriteAtStart(Stream stream, Action<Stream> write)
    {
        if (stream.CanSeek && stream.Position == 0)
        {
            write(stream);
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static void RequireWritable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("the stream is not writable (it is read-only or closed)", nameof(stream));
        }
    }

    private static void RequireReadable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("the stream is not readable (it is write-only or closed)", nameof(stream));
        }
    }
}
