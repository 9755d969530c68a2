using MtlSharing.Modules;
using System.Reflection;
using MtlSharing.Plans;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Application;

/// <summary>Makes the task or group copies of a layer.</summary>
internal static class LayerCopies
{
    public static nn.Module<Tensor, Tensor> Make(nn.Module<Tensor, Tensor> original, CopyInitialisation initialisation)
    {
        var copy = original.DeepCopy();
        if (initialisation == CopyInitialisation.Fresh)
        {
            try
            {
                Reinitialise(copy);
            }
            catch
            {
                copy.Dispose();
                throw;
            }
        }

        return copy;
    }

    /// <summary>
    /// Calls <c>reset_parameters()</c> on every module of the copy that holds parameters directly,
    /// as PyTorch's layers initialise themselves, and resets BatchNorm running statistics.
    /// </summary>
    private static void Reinitialise(nn.Module module)
    {
        foreach (var (path, layer) in module.NamedModulesDepthFirst())
        {
            if (!layer.named_parameters(recurse: false).Any() && !layer.named_buffers(recurse: false).Any())
            {
                continue;
            }

            var reset = layer.GetType().GetMethod("reset_parameters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
                ?? throw new NotSupportedException($"cannot initialise a fresh copy of '{path}': {layer.GetType().Name} has no public reset_parameters(); use CopyInitialisation.FromBackbone or add the method");
            reset.Invoke(layer, null);
            if (layer is TorchSharp.Modules.NormBase norm)
            {
                norm.reset_running_stats();
            }
        }
    }
}
