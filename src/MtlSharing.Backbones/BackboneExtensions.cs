using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>What every <see cref="IBackbone"/> can do beyond its forward pass: measure its costs and load pretrained weights.</summary>
public static class BackboneExtensions
{
    /// <summary>
    /// Parameters and multiply-adds of each block (and the head) for one sample, with each block's
    /// output shape. Runs one forward pass of a zero batch of size 1 in evaluation mode, without
    /// gradients, counting with forward hooks; each module's training mode is restored afterwards.
    /// </summary>
    /// <param name="backbone">The backbone.</param>
    /// <param name="sampleShape">One sample's shape without the batch dimension, e.g. 3, 224, 224; empty for <see cref="IBackbone.DefaultSampleShape"/>.</param>
    /// <returns>The report; its <see cref="CostReport.ToString"/> is a table.</returns>
    /// <exception cref="ArgumentException">The shape does not fit the backbone, or the backbone is not an <c>nn.Module&lt;Tensor, Tensor&gt;</c>.</exception>
    public static CostReport Costs(this IBackbone backbone, params long[] sampleShape)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(sampleShape);
        return CostMeter.Measure(ModuleOf(backbone), backbone, sampleShape.Length == 0 ? [.. backbone.DefaultSampleShape] : sampleShape);
    }

    /// <summary>A table of the blocks with their module paths, output shapes, parameters and multiply-adds, and the totals.</summary>
    /// <param name="backbone">The backbone.</param>
    /// <param name="sampleShape">One sample's shape without the batch dimension; empty for <see cref="IBackbone.DefaultSampleShape"/>.</param>
    /// <returns>The table, one row per block.</returns>
    /// <exception cref="ArgumentException">The shape does not fit the backbone.</exception>
    public static string Describe(this IBackbone backbone, params long[] sampleShape) => Costs(backbone, sampleShape).ToString();

    /// <summary>
    /// Loads a state dict saved from the same architecture, such as torchvision's pretrained
    /// weights. Keys and shapes must match exactly, except that a headless backbone ignores the
    /// checkpoint's head (<see cref="IBackbone.HeadName"/>) keys. Everything is checked before
    /// anything is copied; values are copied to each parameter's or buffer's device and dtype.
    /// </summary>
    /// <remarks>
    /// A file written by PyTorch's <c>torch.save(model.state_dict(), path)</c> can be read with
    /// <c>TorchSharp.PyBridge</c>'s <c>PyTorchUnpickler.UnpickleStateDict(path)</c>; pass its
    /// entries here as a <c>Dictionary&lt;string, Tensor&gt;</c>.
    /// </remarks>
    /// <param name="backbone">The backbone.</param>
    /// <param name="state">The tensors, keyed as torchvision names them.</param>
    /// <exception cref="ArgumentException">Missing, unexpected or mis-shaped keys, all listed; nothing was loaded.</exception>
    public static void LoadPretrained(this IBackbone backbone, IDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(state);
        var headPrefix = backbone.HeadName + ".";
        var source = backbone.Classes is not null
            ? state
            : state.Where(entry => !entry.Key.StartsWith(headPrefix, StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        StateDictLoader.Load(ModuleOf(backbone), backbone.Title, source);
    }

    private static nn.Module<Tensor, Tensor> ModuleOf(IBackbone backbone) =>
        backbone as nn.Module<Tensor, Tensor>
        ?? throw new ArgumentException($"{backbone.GetType().Name} implements IBackbone but is not an nn.Module<Tensor, Tensor>, so it has no modules to measure or load", nameof(backbone));
}
