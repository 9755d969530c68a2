namespace MtlSharing.Benchmarks.Suite;

/// <summary>The backbones the suite measures; <see cref="SuiteModels"/> builds them.</summary>
public enum SuiteBackbone
{
    /// <summary>The small CNN (3 stages of 32, 64, 128 channels), 3×32×32 input.</summary>
    SmallCnn,

    /// <summary>ResNet-18 with the small-image stem (3×3 conv, no max-pool), 3×32×32 input.</summary>
    ResNet18,
}
