using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// A region of code in which libtorch runs eligible CPU operators (convolutions, linear layers,
/// matrix products) in a lower-precision floating-point type, while operators that need range or
/// precision (losses, reductions such as <c>sum</c>) stay in float32. Parameters stay float32.
/// Open one with <see cref="Autocast.Enter"/>.
/// </summary>
/// <remarks>
/// <para>
/// As in libtorch, the state is per thread. A scope affects only the thread that opened it and must
/// be disposed on that thread, innermost scope first: disposing it elsewhere, or before a scope
/// opened inside it, throws <see cref="InvalidOperationException"/> and changes nothing. So do not
/// <c>await</c> inside a scope. Disposing twice does nothing. A scope that is never disposed leaves
/// autocast on for its thread.
/// </para>
/// <para>
/// libtorch casts a float32 parameter that an operator receives directly (a convolution's weight)
/// once and reuses that copy until an outermost scope ends, so change parameters (the optimizer
/// step) outside every scope. In libtorch 2.10 that cache is shared by the whole process: a thread
/// leaving its outermost scope frees the copies of every thread, which are made again when next needed.
/// </para>
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

    /// <summary>Enters the scope as <c>torch.autocast("cpu").__enter__</c> does: records the state, sets the new one, counts one level deeper.</summary>
    /// <param name="dtype">The lower-precision type, already checked by <see cref="Autocast.Enter"/>.</param>
    /// <param name="enabled">Whether autocast is on inside the scope.</param>
    internal AutocastScope(ScalarType dtype, bool enabled)
    {
        previousEnabled = LibTorchAutocast.IsEnabled;
        previousDtype = LibTorchAutocast.Dtype;
        LibTorchAutocast.SetEnabled(enabled);
        LibTorchAutocast.SetDtype(dtype);
        LibTorchAutocast.IncrementNesting();
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

    /// <summary>
    /// Restores the autocast state from before the scope, as <c>torch.autocast("cpu").__exit__</c>
    /// does; leaving the outermost scope also frees the lower-precision copies of the weights.
    /// Does nothing the second time.
    /// </summary>
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

        if (LibTorchAutocast.DecrementNesting() == 0)
        {
            LibTorchAutocast.ClearCache();
        }

        LibTorchAutocast.SetEnabled(previousEnabled);
        LibTorchAutocast.SetDtype(previousDtype);
        disposed = true;
        innermost = outer;
    }
}
