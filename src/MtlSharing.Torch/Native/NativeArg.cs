using System.Runtime.InteropServices;

namespace MtlSharing.Torch.Native;

/// <summary>The kinds of operator argument and result the shim understands (ArgKind in ops.cpp).</summary>
internal enum ArgKind
{
    None = 0,
    Tensor = 1,
    Int = 2,
    Double = 3,
    Bool = 4,
    IntList = 5,
    TensorList = 6,
    DoubleList = 7,
    String = 8,
    OptionalTensorList = 9,
}

/// <summary>One tagged operator argument or result, laid out as MtsArg in ops.cpp.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct NativeArg
{
    [FieldOffset(0)] public ArgKind Kind;
    [FieldOffset(4)] public int Count;
    [FieldOffset(8)] public IntPtr Pointer;
    [FieldOffset(8)] public long Int;
    [FieldOffset(8)] public double Double;
}
