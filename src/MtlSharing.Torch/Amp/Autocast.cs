using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    /// <summary>
    /// Runs eligible CPU operators in <paramref name="dtype"/> on this thread until the returned
    /// scope is disposed (automatic mixed precision, as <c>torch.autocast("cpu")</c> in PyTorch).
    /// Put the forward pass and the loss inside the scope, the backward pass and the optimizer step
    /// after it. Scopes nest; each restores the state it found.
    /// </summary>
    /// <param name="dtype">The lower-precision type. libtorch 1.13 supports only <see cref="ScalarType.BFloat16"/> on the CPU.</param>
    /// <param name="enabled">False opens a scope that turns autocast off inside it (useful inside another scope, or to make it optional).</param>
    /// <returns>The scope; dispose it on this thread to restore the previous state.</returns>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not <see cref="ScalarType.BFloat16"/>.</exception>
    public static AutocastScope autocast(ScalarType dtype = ScalarType.BFloat16, bool enabled = true)
    {
        if (dtype != ScalarType.BFloat16)
        {
            throw new ArgumentException($"CPU autocast supports only ScalarType.BFloat16 in libtorch 1.13; got {dtype}. For float32, open no scope or pass enabled: false", nameof(dtype));
        }

        return new AutocastScope(dtype, enabled);
    }

    /// <summary>Whether CPU autocast is on for this thread.</summary>
    /// <returns>True inside an enabled <see cref="autocast"/> scope.</returns>
    public static bool is_autocast_cpu_enabled() => AutocastState().Enabled;

    /// <summary>The type CPU autocast casts to on this thread (BFloat16 unless changed).</summary>
    /// <returns>The lower-precision type.</returns>
    public static ScalarType get_autocast_cpu_dtype() => AutocastState().Dtype;

    /// <summary>
    /// Whether this CPU has bfloat16 arithmetic in hardware (AVX512-BF16 or AMX-BF16), where
    /// <see cref="autocast"/> is usually faster than float32. Elsewhere bfloat16 still works but is
    /// emulated and may be slower. Always false on processors other than x86-64.
    /// </summary>
    /// <returns>True when the CPU has AVX512-BF16 or AMX-BF16.</returns>
    public static bool cpu_supports_fast_bf16() => CpuFeatures.HasFastBFloat16;

    private static (bool Enabled, ScalarType Dtype) AutocastState()
    {
        NativeMethods.Check(NativeMethods.mts_autocast_cpu_state(out var enabled, out var dtype));
        return (enabled != 0, (ScalarType)dtype);
    }
}
