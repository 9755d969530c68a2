using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Native;

/// <summary>
/// Keeps the tensors passed to a native call reachable until the call returns, so the garbage
/// collector cannot finalize one while libtorch is reading it. A per-thread stack, so nested
/// argument building works.
/// </summary>
internal static class KeepAlive
{
    [ThreadStatic]
    private static Tensor?[]? stack;

    [ThreadStatic]
    private static int count;

    public static int Mark => count;

    public static void Push(Tensor tensor)
    {
        stack ??= new Tensor?[64];
        if (count == stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[count++] = tensor;
    }

    public static void Truncate(int mark)
    {
        if (stack is null)
        {
            return;
        }

        Array.Clear(stack, mark, count - mark);
        count = mark;
    }
}
