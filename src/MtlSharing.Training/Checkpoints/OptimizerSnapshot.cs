using TorchSharp;
using System.Reflection;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// An optimizer's state (per-parameter buffers such as momentum, step counts, and each group's
/// options) as checkpoint entries. TorchSharp's optimizers write their complete state to a binary
/// stream (<c>save_state_dict(BinaryWriter)</c>); that stream is kept as one uint8 tensor,
/// <c>optimizer.state</c>, so any of TorchSharp's optimizers resumes exactly.
/// </summary>
internal static class OptimizerSnapshot
{
    /// <summary>The entry, under the optimizer's section, that holds the state.</summary>
    public const string StateKey = "state";

    /// <summary>The optimizer's state as entries (new tensors, in the current dispose scope).</summary>
    public static Dictionary<string, Tensor> Capture(optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            Helper(optimizer).save_state_dict(writer);
        }

        return new Dictionary<string, Tensor>(StringComparer.Ordinal) { [StateKey] = tensor(stream.ToArray()) };
    }

    /// <summary>Puts a captured state back.</summary>
    /// <exception cref="InvalidDataException">The entries are not an optimizer state of this optimizer's kind and size.</exception>
    public static void Restore(optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor> entries)
    {
        if (!entries.TryGetValue(StateKey, out var state) || state.dtype != ScalarType.Byte || state.dim() != 1)
        {
            throw new InvalidDataException($"the optimizer section has no uint8 entry '{StateKey}'");
        }

        using var reader = new BinaryReader(new MemoryStream(state.ToArrayOf<byte>()));
        try
        {
            Helper(optimizer).load_state_dict(reader);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidCastException or IndexOutOfRangeException or ArgumentException)
        {
            throw new InvalidDataException($"the optimizer state does not fit this {optimizer.GetType().Name} ({e.Message})", e);
        }

        KeepStateAlive(optimizer);
        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException($"the optimizer state holds {reader.BaseStream.Length - reader.BaseStream.Position} bytes more than this {optimizer.GetType().Name} reads; it was written by another optimizer");
        }
    }

    /// <summary>
    /// Takes the state tensors that loading created (SGD makes its momentum buffers then) out of
    /// the caller's dispose scope: they belong to the optimizer and must outlive the restore.
    /// </summary>
    private static void KeepStateAlive(optim.Optimizer optimizer)
    {
        const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var state in Helper(optimizer).state_dict().State)
        {
            for (var type = state.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                foreach (var field in type.GetFields(Fields | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(state) is Tensor { IsInvalid: false } tensor && tensor is not TorchSharp.Modules.Parameter)
                    {
                        tensor.DetachFromDisposeScope();
                    }
                }
            }
        }
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as TorchSharp.Modules.OptimizerHelper
        ?? throw new NotSupportedException($"checkpoints need an optimizer derived from TorchSharp's OptimizerHelper (SGD, Adam, AdamW, RMSprop, ...); {optimizer.GetType().Name} cannot save its state");
}
