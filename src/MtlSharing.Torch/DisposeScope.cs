using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch;

/// <summary>
/// Collects every tensor created on this thread while the scope is the innermost one, and disposes
/// them all when the scope is disposed, except tensors moved out with
/// <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="MoveToOuter(Tensor)"/>.
/// Create one with <see cref="torch.NewDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly List<Tensor> tensors = [];
    private readonly DisposeScope? outer;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>
    /// The innermost scope of this thread that is not yet disposed, or null. A scope disposed on
    /// another thread (after an await, say) is skipped rather than collecting tensors it would never free.
    /// </summary>
    internal static DisposeScope? Current
    {
        get
        {
            var scope = current;
            while (scope is { disposed: true })
            {
                scope = scope.outer;
            }

            return scope;
        }
    }

    /// <summary>The number of tensors this scope will dispose.</summary>
    public int Count => tensors.Count(t => t.OwningScope == this);

    /// <summary>Moves a tensor to the enclosing scope (or out of all scopes) and returns it.</summary>
    /// <param name="tensor">A tensor owned by this scope.</param>
    /// <returns>The same tensor.</returns>
    public Tensor MoveToOuter(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.OwningScope == this)
        {
            tensor.OwningScope = null;
            LiveOuter()?.Add(tensor);
        }

        return tensor;
    }

    /// <summary>Disposes every tensor still owned by the scope and makes the enclosing scope current.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (current == this)
        {
            current = LiveOuter();
        }

        foreach (var tensor in tensors)
        {
            if (tensor.OwningScope == this)
            {
                tensor.OwningScope = null;
                tensor.Dispose();
            }
        }

        tensors.Clear();
    }

    /// <summary>The nearest enclosing scope not yet disposed (scopes may be disposed out of order).</summary>
    private DisposeScope? LiveOuter()
    {
        var scope = outer;
        while (scope is { disposed: true })
        {
            scope = scope.outer;
        }

        return scope;
    }

    internal void Add(Tensor tensor)
    {
        tensor.OwningScope = this;
        tensors.Add(tensor);
    }
}
