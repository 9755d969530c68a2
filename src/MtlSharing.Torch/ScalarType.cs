namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>Element types of a tensor, numbered as libtorch's c10::ScalarType.</summary>
    public enum ScalarType : sbyte
    {
        /// <summary>Unsigned 8-bit integer.</summary>
        Byte = 0,

        /// <summary>Signed 8-bit integer.</summary>
        Int8 = 1,

        /// <summary>Signed 16-bit integer.</summary>
        Int16 = 2,

        /// <summary>Signed 32-bit integer.</summary>
        Int32 = 3,

        /// <summary>Signed 64-bit integer.</summary>
        Int64 = 4,

        /// <summary>IEEE half precision.</summary>
        Float16 = 5,

        /// <summary>IEEE single precision.</summary>
        Float32 = 6,

        /// <summary>IEEE double precision.</summary>
        Float64 = 7,

        /// <summary>Boolean.</summary>
        Bool = 11,

        /// <summary>Brain floating point.</summary>
        BFloat16 = 15,
    }

    /// <summary>16-bit floating point (IEEE half precision).</summary>
    public const ScalarType float16 = ScalarType.Float16;

    /// <summary>16-bit floating point (IEEE half precision).</summary>
    public const ScalarType half = ScalarType.Float16;

    /// <summary>16-bit brain floating point.</summary>
    public const ScalarType bfloat16 = ScalarType.BFloat16;

    /// <summary>32-bit floating point.</summary>
    public const ScalarType float32 = ScalarType.Float32;

    /// <summary>32-bit floating point.</summary>
    public const ScalarType @float = ScalarType.Float32;

    /// <summary>64-bit floating point.</summary>
    public const ScalarType float64 = ScalarType.Float64;

    /// <summary>64-bit floating point.</summary>
    public const ScalarType @double = ScalarType.Float64;

    /// <summary>Signed 8-bit integer.</summary>
    public const ScalarType int8 = ScalarType.Int8;

    /// <summary>Signed 16-bit integer.</summary>
    public const ScalarType int16 = ScalarType.Int16;

    /// <summary>32-bit integer.</summary>
    public const ScalarType int32 = ScalarType.Int32;

    /// <summary>64-bit integer.</summary>
    public const ScalarType int64 = ScalarType.Int64;

    /// <summary>64-bit integer.</summary>
    public const ScalarType @long = ScalarType.Int64;

    /// <summary>32-bit integer.</summary>
    public const ScalarType @int = ScalarType.Int32;

    /// <summary>Unsigned 8-bit integer.</summary>
    public const ScalarType uint8 = ScalarType.Byte;

    /// <summary>Boolean.</summary>
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>Whether the element type is a floating-point type.</summary>
    /// <param name="type">The element type.</param>
    /// <returns>True for Float16, BFloat16, Float32 and Float64.</returns>
    public static bool is_floating_point(ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Maps a .NET element type to its tensor element type.</summary>
    internal static ScalarType ScalarTypeOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(short)) return ScalarType.Int16;
        if (typeof(T) == typeof(sbyte)) return ScalarType.Int8;
        if (typeof(T) == typeof(byte)) return ScalarType.Byte;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        if (typeof(T) == typeof(Half)) return ScalarType.Float16;
        throw new NotSupportedException($"{typeof(T).Name} has no tensor element type; use float, double, long, int, short, sbyte, byte, bool or Half");
    }

    /// <summary>The size in bytes of one element.</summary>
    internal static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        _ => 8,
    };
}
