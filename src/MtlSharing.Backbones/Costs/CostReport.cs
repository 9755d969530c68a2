namespace MtlSharing.Backbones;

/// <summary>
/// Per-block parameters and multiply-adds of a backbone for one input size (see
/// <see cref="BackboneExtensions.Costs"/>); <see cref="ToString"/> renders it as a table.
/// </summary>
/// <remarks>
/// Counting convention: one multiply-add per weight use in Conv2d and Linear layers, for a batch
/// of one sample. A convolution costs (output elements) × (in_channels / groups) × kH × kW, a
/// Linear layer (output elements) × in_features. Biases, BatchNorm, activations, pooling and
/// residual additions are not counted. This is the convention behind the published figures
/// (1.82 G for ResNet-18 and 0.30 G for MobileNetV2 at 224×224; torchvision lists 1.814 and 0.301 "GFLOPS").
/// </remarks>
public sealed class CostReport
{
    internal CostReport(string model, IReadOnlyList<long> sampleShape, IReadOnlyList<BlockCost> blocks, BlockCost? head, long totalParameters, long totalMultiplyAdds)
    {
        Model = model;
        SampleShape = sampleShape;
        Blocks = blocks;
        Head = head;
        TotalParameters = totalParameters;
        TotalMultiplyAdds = totalMultiplyAdds;
    }

    /// <summary>The backbone's title, e.g. "ResNet-18".</summary>
    public string Model { get; }

    /// <summary>The shape of one input sample, e.g. [3, 224, 224].</summary>
    public IReadOnlyList<long> SampleShape { get; }

    /// <summary>One entry per block, in the order of <see cref="Selectors.IBlockStructured.Blocks"/>.</summary>
    public IReadOnlyList<BlockCost> Blocks { get; }

    /// <summary>The classifier head, or null for a headless backbone.</summary>
    public BlockCost? Head { get; }

    /// <summary>All parameters of the backbone, each counted once.</summary>
    public long TotalParameters { get; }

    /// <summary>All multiply-adds of one forward pass for one sample.</summary>
    public long TotalMultiplyAdds { get; }

    /// <summary>A table: one row per block and the head, with module paths, output shape, parameters and multiply-adds, then the totals.</summary>
    /// <returns>The table.</returns>
    public override string ToString() => CostTable.Render(this);
}
