using System.Text;

namespace MtlSharing.Torch.Native;

/// <summary>
/// A handle to one ATen operator schema, looked up in libtorch's dispatcher on first use and cached
/// for the life of the process.
/// </summary>
internal sealed unsafe class AtenOp
{
    private readonly string name;
    private readonly string overload;
    private IntPtr handle;

    /// <summary>Names an operator, e.g. <c>new AtenOp("aten::add", "Tensor")</c>.</summary>
    public AtenOp(string name, string overload = "")
    {
        this.name = name;
        this.overload = overload;
    }

    /// <summary>The native OperatorHandle, found on first use.</summary>
    public IntPtr Handle
    {
        get
        {
            if (handle == IntPtr.Zero)
            {
                NativeMethods.Check(NativeMethods.mts_op_find(name, overload, out var found));
                handle = found;
            }

            return handle;
        }
    }

    /// <summary>The operator's full schema, as libtorch prints it.</summary>
    public string Schema
    {
        get
        {
            var buffer = new byte[4096];
            fixed (byte* p = buffer)
            {
                NativeMethods.Check(NativeMethods.mts_op_schema(Handle, p, buffer.Length, out var written));
                return Encoding.UTF8.GetString(buffer, 0, written);
            }
        }
    }

    public override string ToString() => overload.Length == 0 ? name : $"{name}.{overload}";
}
