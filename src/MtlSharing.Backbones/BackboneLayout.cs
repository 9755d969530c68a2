namespace MtlSharing.Backbones;

/// <summary>
/// The facts an <see cref="IBackbone"/> publishes, held in one object so that backbones built on
/// different base classes (TorchVision's networks, or <c>nn.Module</c> for our own) share them.
/// </summary>
internal sealed record BackboneLayout(
    string Title,
    InputSpec Input,
    long DefaultSide,
    IReadOnlyList<IReadOnlyList<string>> Blocks,
    string HeadName,
    int? Classes,
    long FeatureCount)
{
    /// <summary>The sample shape of the default input size.</summary>
    public IReadOnlyList<long> DefaultSampleShape => Input.Sample(DefaultSide);
}
