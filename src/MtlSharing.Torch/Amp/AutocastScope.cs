using MtlSharing.Torch.Native;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch;

/// <summary>
/// A region of code in which libtorch runs eligible CPU operators (convolutions, linear layers,
/// matrix products) in a lower-precision floating-point type, while operators that need range or
/// precision (losses, reductions such as <c>sum</c>) stay in float32. Parameters stay float32;
/// libtorch casts them once per outermost scope and frees those copies when it ends.
/// Open one with <see cref="torch.autocast"/>.
/// </summary>
/// <remarks>
/// As in libtorch, the state is per thread. A scope affects only the thread that opened it and must
/// be disposed on that thread, innermost scope first: disposing it elsewhere, or before a scope
/// opened inside it, throws <see cref="InvalidOperationException"/> and changes nothing. So do not
/// <c>await</c> inside a scope. Disposing twice does nothing. A scope that is never disposed leaves
/// autocast on for its thread.
/// </remarks>
public sealed class AutocastScope : IDisposable
{
    [ThreadStatic]
    private static AutocastScope? innermost;

    private readonly AutocastScope? outer;
    private readonly int threadId;
    private readonly bool previousEnabled;
    private readonly ScalarType previousDtype;
    private bool disposed;

    internal AutocastScope(ScalarType dtype, bool enabled)
    {
        previousEnabled = is_autocast_cpu_enabled();
        previousDtype = get_autocast_cpu_dtype();
        NativeMethods.Check(NativeMethods.mts_autocast_cpu_enter(enabled ? 1 : 0, (int)dtype));
        Enabled = enabled;
        Dtype = dtype;
        threadId = Environment.CurrentManagedThreadId;
        outer = innermost;
        innermost = this;
    }

    /// <summary>Whether autocast is on inside this scope (a scope opened with enabled: false turns it off).</summary>
    public bool Enabled { get; }

    /// <summary>The lower-precision type eligible operators run in inside this scope.</summary>
    public ScalarType Dtype { get; }

    /// <summary>Restores the autocast state from before the scope. Does nothing the second time.</summary>
    /// <exception cref="InvalidOperationException">
    /// Called on another thread than the one that opened the scope, or while a scope opened inside
    /// this one is still open.
    /// </exception>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        var thread = Environment.CurrentManagedThreadId;
        if (thread != threadId)
        {
            throw new InvalidOperationException($"an autocast scope must be disposed on the thread that opened it (managed thread {threadId}), not on thread {thread}: autocast state is per thread in libtorch, so do not await inside a scope");
        }

        if (innermost != this)
        {
            throw new InvalidOperationException("an autocast scope was disposed while a scope opened inside it is still open; dispose the inner scope first (nest them with using)");
        }

        NativeMethods.Check(NativeMethods.mts_autocast_cpu_exit(previousEnabled ? 1 : 0, (int)previousDtype));
        disposed = true;
        innermost = outer;
    }
}
