namespace MtlSharing.Backbones;

/// <summary>The two MobileNetV3 networks of torchvision.</summary>
public enum MobileNetV3Size
{
    /// <summary>mobilenet_v3_small: 11 inverted residuals, 576 features, 2,542,856 parameters with 1000 classes.</summary>
    Small = 0,

    /// <summary>mobilenet_v3_large: 15 inverted residuals, 960 features, 5,483,032 parameters with 1000 classes.</summary>
    Large = 1,
}
