using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

/// <summary>
/// The entry point of the binding, named as in TorchSharp: tensor creation, runtime settings,
/// and the nn and optim namespaces.
/// </summary>
public static partial class torch
{
    /// <summary>Sets the number of threads libtorch uses inside one operator.</summary>
    /// <param name="num">A positive thread count. The default is <see cref="Environment.ProcessorCount"/>.</param>
    public static void set_num_threads(int num)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(num);
        NativeMethods.Check(NativeMethods.mts_set_num_threads(num));
    }

    /// <summary>The number of threads libtorch uses inside one operator.</summary>
    /// <returns>The thread count.</returns>
    public static int get_num_threads() => NativeMethods.mts_get_num_threads();

    /// <summary>Seeds the default CPU random generator, making random tensors reproducible.</summary>
    /// <param name="seed">The seed.</param>
    public static void manual_seed(long seed) => NativeMethods.mts_manual_seed(unchecked((ulong)seed));

    /// <summary>Returns the state of the default CPU random generator, for checkpoints.</summary>
    /// <returns>A byte tensor holding the state.</returns>
    public static Tensor get_rng_state()
    {
        NativeMethods.Check(NativeMethods.mts_get_rng_state(out var state));
        return new Tensor(state);
    }

    /// <summary>Restores a state returned by <see cref="get_rng_state"/>.</summary>
    /// <param name="new_state">The saved state.</param>
    public static void set_rng_state(Tensor new_state)
    {
        ArgumentNullException.ThrowIfNull(new_state);
        NativeMethods.Check(NativeMethods.mts_set_rng_state(new_state.Handle));
        GC.KeepAlive(new_state);
    }

    /// <summary>Opens a scope that disposes every tensor created inside it on this thread.</summary>
    /// <returns>The scope; dispose it to release its tensors.</returns>
    public static DisposeScope NewDisposeScope() => new();
}
