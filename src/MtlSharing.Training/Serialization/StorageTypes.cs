using TorchSharp;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// PyTorch's typed storage classes (torch.FloatStorage, ...), which name a storage's element type
/// in the pickle, and the element types they stand for.
/// </summary>
internal static class StorageTypes
{
    private static readonly (string Name, torch.ScalarType Type)[] Pairs =
    [
        ("FloatStorage", torch.ScalarType.Float32),
        ("DoubleStorage", torch.ScalarType.Float64),
        ("HalfStorage", torch.ScalarType.Float16),
        ("BFloat16Storage", torch.ScalarType.BFloat16),
        ("LongStorage", torch.ScalarType.Int64),
        ("IntStorage", torch.ScalarType.Int32),
        ("ShortStorage", torch.ScalarType.Int16),
        ("CharStorage", torch.ScalarType.Int8),
        ("ByteStorage", torch.ScalarType.Byte),
        ("BoolStorage", torch.ScalarType.Bool),
        ("ComplexFloatStorage", torch.ScalarType.ComplexFloat32),
        ("ComplexDoubleStorage", torch.ScalarType.ComplexFloat64),
    ];

    private static readonly Dictionary<string, torch.ScalarType> ByName = Pairs.ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);

    private static readonly Dictionary<torch.ScalarType, string> ByType = Pairs.ToDictionary(p => p.Type, p => p.Name);

    /// <summary>The element types that can be saved and loaded, for error messages.</summary>
    public static string Supported { get; } = string.Join(", ", Pairs.Select(p => p.Type));

    /// <summary>Whether tensors of <paramref name="type"/> can be saved.</summary>
    public static bool IsSupported(torch.ScalarType type) => ByType.ContainsKey(type);

    /// <summary>The storage class name of an element type, such as "FloatStorage".</summary>
    public static string NameOf(torch.ScalarType type) =>
        ByType.TryGetValue(type, out var name)
            ? name
            : throw new NotSupportedException($"tensors of type {type} cannot be stored; supported are {Supported}");

    /// <summary>The element type of a storage class; <see cref="InvalidDataException"/> for any other global.</summary>
    public static torch.ScalarType TypeOf(PickleGlobal storageClass) =>
        storageClass.Module == "torch" && ByName.TryGetValue(storageClass.Name, out var type)
            ? type
            : throw new InvalidDataException($"a storage has the type {storageClass}, which is not supported; supported are torch.{string.Join(", torch.", ByName.Keys)}");

    /// <summary>The size in bytes of one element.</summary>
    public static int ElementSize(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Byte or torch.ScalarType.Int8 or torch.ScalarType.Bool => 1,
        torch.ScalarType.Int16 or torch.ScalarType.Float16 or torch.ScalarType.BFloat16 => 2,
        torch.ScalarType.Int32 or torch.ScalarType.Float32 => 4,
        torch.ScalarType.Int64 or torch.ScalarType.Float64 or torch.ScalarType.ComplexFloat32 => 8,
        torch.ScalarType.ComplexFloat64 => 16,
        _ => throw new NotSupportedException($"tensors of type {type} cannot be stored; supported are {Supported}"),
    };
}
