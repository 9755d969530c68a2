using System.Runtime.InteropServices;

namespace MtlSharing.Torch.Native;

/// <summary>The C entry points of the native shim (native/src). Status 0 means success.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = ShimLoader.LibraryName;

    /// <summary>Installs the shim loader before the first import binds.</summary>
    static NativeMethods() => ShimLoader.Register();

    [LibraryImport(Library)]
    internal static partial byte* mts_last_error();

    [LibraryImport(Library)]
    internal static partial void mts_tensor_free(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_from_data(void* data, long* shape, int ndim, int dtype, out IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_empty(long* shape, int ndim, int dtype, out IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_dim(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial void mts_tensor_shape(IntPtr tensor, long* shape);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_dtype(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial long mts_tensor_numel(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_is_contiguous(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_copy_out(IntPtr tensor, void* destination, long bytes);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_copy_in(IntPtr tensor, void* source, long bytes);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_data_ptr(IntPtr tensor, out IntPtr data);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_item(IntPtr tensor, int kind, void* value);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_to_string(IntPtr tensor, byte* buffer, int capacity, out int written);

    [LibraryImport(Library)]
    internal static partial int mts_op_find([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string overload, out IntPtr op);

    [LibraryImport(Library)]
    internal static partial int mts_op_schema(IntPtr op, byte* buffer, int capacity, out int written);

    [LibraryImport(Library)]
    internal static partial int mts_op_call(IntPtr op, NativeArg* args, int nargs, NativeArg* results, int capacity, out int nresults);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_requires_grad(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_is_leaf(IntPtr tensor);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_set_requires_grad(IntPtr tensor, int value);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_grad(IntPtr tensor, out IntPtr grad);

    [LibraryImport(Library)]
    internal static partial int mts_tensor_set_grad(IntPtr tensor, IntPtr grad);

    [LibraryImport(Library)]
    internal static partial int mts_backward(IntPtr tensor, IntPtr grad, int retainGraph, int createGraph);

    [LibraryImport(Library)]
    internal static partial int mts_autograd_grad(IntPtr* outputs, int noutputs, IntPtr* inputs, int ninputs, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* results);

    [LibraryImport(Library)]
    internal static partial int mts_is_grad_enabled();

    [LibraryImport(Library)]
    internal static partial void mts_set_grad_enabled(int enabled);

    [LibraryImport(Library)]
    internal static partial int mts_set_num_threads(int threads);

    [LibraryImport(Library)]
    internal static partial int mts_get_num_threads();

    [LibraryImport(Library)]
    internal static partial void mts_manual_seed(ulong seed);

    [LibraryImport(Library)]
    internal static partial int mts_get_rng_state(out IntPtr state);

    [LibraryImport(Library)]
    internal static partial int mts_set_rng_state(IntPtr state);

    [LibraryImport(Library)]
    internal static partial int mts_save_dict(IntPtr* names, IntPtr* tensors, int count, out IntPtr bytes);

    [LibraryImport(Library)]
    internal static partial byte* mts_bytes_data(IntPtr bytes);

    [LibraryImport(Library)]
    internal static partial long mts_bytes_size(IntPtr bytes);

    [LibraryImport(Library)]
    internal static partial void mts_bytes_free(IntPtr bytes);

    // --- Autocast (CPU mixed precision, native/src/autocast.cpp) ---
    [LibraryImport(Library)]
    internal static partial int mts_autocast_cpu_state(out int enabled, out int dtype);

    [LibraryImport(Library)]
    internal static partial int mts_autocast_cpu_enter(int enabled, int dtype);

    [LibraryImport(Library)]
    internal static partial int mts_autocast_cpu_exit(int previousEnabled, int previousDtype);
    // --- end of Autocast ---

    /// <summary>Throws a <see cref="TorchException"/> carrying libtorch's message when status is non-zero.</summary>
    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchException(LastError());
        }
    }

    internal static string LastError() => Marshal.PtrToStringUTF8((IntPtr)mts_last_error()) ?? "unknown native error";
}
