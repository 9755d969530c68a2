using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// Automatic mixed precision on the CPU, as <c>torch.autocast("cpu")</c> in PyTorch: inside a scope,
/// libtorch runs convolutions, linear layers and matrix products in bfloat16 (or float16) while
/// losses, reductions and the parameters stay float32. TorchSharp has no autocast of its own; this
/// drives libtorch's, in the libtorch TorchSharp loaded (Linux only).
/// </summary>
/// <example>
/// Put the forward pass and the loss inside the scope, the backward pass and the optimizer step after it:
/// <code>
/// Tensor loss;
/// using (Autocast.Enter())
/// {
///     loss = nn.functional.cross_entropy(model.call(images), labels);
/// }
///
/// loss.backward();
/// optimizer.step();
/// </code>
/// </example>
public static class Autocast
{
    /// <summary>
    /// Runs eligible CPU operators in <paramref name="dtype"/> on this thread until the returned
    /// scope is disposed. Scopes nest; each restores the state it found.
    /// </summary>
    /// <param name="dtype">
    /// The lower-precision type: <see cref="ScalarType.BFloat16"/> (fast where
    /// <see cref="CpuSupportsFastBFloat16"/> is true) or <see cref="ScalarType.Float16"/>, the two
    /// that libtorch's CPU autocast supports.
    /// </param>
    /// <param name="enabled">False opens a scope that turns autocast off inside it (useful inside another scope, or to make it optional).</param>
    /// <returns>The scope; dispose it on this thread to restore the previous state.</returns>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is neither BFloat16 nor Float16; nothing changes.</exception>
    /// <exception cref="PlatformNotSupportedException">libtorch's autocast cannot be reached on this platform; the message says why.</exception>
    public static AutocastScope Enter(ScalarType dtype = ScalarType.BFloat16, bool enabled = true)
    {
        if (dtype is not (ScalarType.BFloat16 or ScalarType.Float16))
        {
            throw new ArgumentException($"CPU autocast supports ScalarType.BFloat16 and ScalarType.Float16; got {dtype}. To stay in float32, open no scope, or open one with enabled: false", nameof(dtype));
        }

        return new AutocastScope(dtype, enabled);
    }

    /// <summary>Whether CPU autocast is on for this thread: true inside an enabled <see cref="Enter"/> scope.</summary>
    /// <exception cref="PlatformNotSupportedException">libtorch's autocast cannot be reached on this platform.</exception>
    public static bool IsEnabled => LibTorchAutocast.IsEnabled;

    /// <summary>The type CPU autocast lowers to on this thread: libtorch's default, BFloat16, outside any scope.</summary>
    /// <exception cref="PlatformNotSupportedException">libtorch's autocast cannot be reached on this platform.</exception>
    public static ScalarType Dtype => LibTorchAutocast.Dtype;

    /// <summary>
    /// Whether this CPU has bfloat16 arithmetic in hardware (AVX512-BF16 or AMX-BF16), where
    /// bfloat16 autocast is usually faster than float32. Elsewhere bfloat16 still works but is
    /// emulated and may be slower. Always false on processors other than x86-64.
    /// </summary>
    public static bool CpuSupportsFastBFloat16 => CpuFeatures.HasFastBFloat16;
}
