using System.Collections;
using System.Runtime.InteropServices;
using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Reads a PyTorch zip file into a state dict or a bare tensor, inside a dispose scope of its own:
/// on success the result moves to the caller's scope (if any) and every intermediate tensor is
/// disposed; on failure everything made so far is disposed and one
/// <see cref="InvalidDataException"/> says what is wrong.
/// </summary>
internal static class TorchFileReader
{
    /// <summary>Reads the flat dict of tensors held by <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream; read from its current position to its end.</param>
    /// <param name="source">Names the file in messages, for example "'/data/model.pt'".</param>
    public static Dictionary<string, torch.Tensor> ReadStateDict(Stream stream, string source) =>
        Read(stream, source, ToStateDict, state => state.Values);

    /// <summary>Reads the bare tensor held by <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream; read from its current position to its end.</param>
    /// <param name="source">Names the file in messages, for example "'/data/x.pt'".</param>
    public static torch.Tensor ReadTensor(Stream stream, string source) =>
        Read(stream, source, ToTensor, tensor => [tensor]);

    private static T Read<T>(Stream stream, string source, Func<object?, T> convert, Func<T, IEnumerable<torch.Tensor>> tensorsOf)
    {
        if (!stream.CanSeek || stream.Position != 0)
        {
            // Zip offsets count from the start of the stream, and the zip's directory is at its end.
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return Read(copy, source, convert, tensorsOf);
        }

        using var scope = torch.NewDisposeScope();
        T result;
        try
        {
            using var archive = TorchArchive.Open(stream);
            result = convert(archive.ReadObject());
        }
        catch (Exception e) when (IsCorruption(e))
        {
            // libtorch's messages run on for lines; the first says what is wrong, the rest stays in InnerException.
            var reason = e.Message.Split('\n', 2)[0].TrimEnd();
            throw new InvalidDataException($"cannot load {source}: {reason}", e);
        }

        scope.MoveToOuter(tensorsOf(result).Distinct(ReferenceEqualityComparer.Instance).Cast<IDisposable>());
        return result;
    }

    // What a truncated, corrupt or foreign file raises, as opposed to a programming error.
    private static bool IsCorruption(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ExternalException or NotSupportedException or ArgumentException or OverflowException or FormatException;

    private static Dictionary<string, torch.Tensor> ToStateDict(object? root)
    {
        if (root is torch.Tensor)
        {
            throw new InvalidDataException("it holds a bare tensor, not a dict of tensors; read it with TorchFiles.LoadTensor");
        }

        if (root is not OrderedDictionary<object, object?> dict)
        {
            throw new InvalidDataException($"it holds a {Describe(root)}, not a dict of tensors");
        }

        var state = new Dictionary<string, torch.Tensor>(dict.Count, StringComparer.Ordinal);
        foreach (var (key, value) in dict)
        {
            if (key is not string name)
            {
                throw new InvalidDataException($"it holds a dict whose key {key} is a {Describe(key)}, not a string; only flat state dicts (str to tensor) can be read");
            }

            state[name] = value as torch.Tensor
                ?? throw new InvalidDataException($"the entry '{name}' holds a {Describe(value)}, not a tensor; only flat state dicts (str to tensor) can be read");
        }

        return state;
    }

    private static torch.Tensor ToTensor(object? root) => root switch
    {
        torch.Tensor tensor => tensor,
        OrderedDictionary<object, object?> => throw new InvalidDataException("it holds a dict, not a bare tensor; read it with TorchFiles.Load"),
        _ => throw new InvalidDataException($"it holds a {Describe(root)}, not a tensor"),
    };

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string => "str",
        long => "int",
        double => "float",
        bool => "bool",
        byte[] => "bytes",
        object?[] => "tuple",
        IDictionary => "dict",
        IList => "list",
        PickleGlobal g => g.ToString(),
        _ => value.GetType().Name,
    };
}
