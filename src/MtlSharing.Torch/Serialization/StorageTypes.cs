using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Serialization;

/// <summary>Maps PyTorch's typed storage classes (torch.FloatStorage, ...) to element types.</summary>
internal static class StorageTypes
{
    private static readonly Dictionary<string, ScalarType> ByName = new(StringComparer.Ordinal)
    {
        ["ByteStorage"] = ScalarType.Byte,
        ["CharStorage"] = ScalarType.Int8,
        ["ShortStorage"] = ScalarType.Int16,
        ["IntStorage"] = ScalarType.Int32,
        ["LongStorage"] = ScalarType.Int64,
        ["HalfStorage"] = ScalarType.Float16,
        ["FloatStorage"] = ScalarType.Float32,
        ["DoubleStorage"] = ScalarType.Float64,
        ["BoolStorage"] = ScalarType.Bool,
        ["BFloat16Storage"] = ScalarType.BFloat16,
    };

    /// <summary>The element type of a storage class; InvalidDataException for any other global.</summary>
    public static ScalarType ScalarTypeOf(PickleGlobal storageClass) =>
        storageClass.Module == "torch" && ByName.TryGetValue(storageClass.Name, out var type)
            ? type
            : throw new InvalidDataException($"the storage type {storageClass} is not supported; supported are torch.{string.Join(", torch.", ByName.Keys)}");
}
