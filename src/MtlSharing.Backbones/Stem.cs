namespace MtlSharing.Backbones;

/// <summary>The first layers of an image backbone, which set how much it downsamples early.</summary>
public enum Stem
{
    /// <summary>
    /// torchvision's stem for 224×224 images. ResNet: a 7×7 stride-2 convolution, BatchNorm, ReLU
    /// and a 3×3 stride-2 max-pool (4× smaller). MobileNetV2 and MobileNetV3: a 3×3 stride-2
    /// convolution (2× smaller).
    /// </summary>
    ImageNet = 0,

    /// <summary>
    /// A stem for small images such as CIFAR's 32×32: a 3×3 stride-1 convolution, BatchNorm and
    /// the activation, without max-pool (ResNet's maxpool is an <c>Identity</c>), so the stem keeps
    /// the input's resolution.
    /// </summary>
    SmallImage = 1,
}
