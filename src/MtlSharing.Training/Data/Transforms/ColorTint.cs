using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Colours a batch for one domain: each output channel c is <c>background[c] + x · (foreground[c] − background[c])</c>,
/// so intensity 1 becomes the foreground colour and 0 the background. A grey batch <c>[N, 1, H, W]</c> becomes
/// <c>[N, 3, H, W]</c>; an RGB batch keeps its shape and each channel is mapped with its own colour component.
/// It draws nothing from the random stream.
/// </summary>
public sealed class ColorTint : ITransform
{
    private readonly double[] background;
    private readonly double[] span;

    /// <summary>Creates the transform.</summary>
    /// <param name="foreground">The colour of intensity 1.</param>
    /// <param name="background">The colour of intensity 0 (black when omitted).</param>
    public ColorTint(Rgb foreground, Rgb? background = null)
    {
        var back = background ?? Rgb.Black;
        if (!foreground.ToArray().Concat(back.ToArray()).All(double.IsFinite))
        {
            throw new ArgumentException($"colour components must be finite; got foreground {foreground} and background {back}", nameof(foreground));
        }

        Foreground = foreground;
        Background = back;
        this.background = back.ToArray();
        span = foreground.ToArray().Zip(this.background, (f, b) => f - b).ToArray();
    }

    /// <summary>The colour of intensity 1.</summary>
    public Rgb Foreground { get; }

    /// <summary>The colour of intensity 0.</summary>
    public Rgb Background { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(ColorTint));
        var channels = inputs.size(1);
        if (channels != 1 && channels != 3)
        {
            throw new ArgumentException($"{nameof(ColorTint)} needs 1 (grey) or 3 (RGB) channels; the batch has {channels}", nameof(inputs));
        }

        using var spanTensor = ImageBatch.PerChannel(span);
        using var backgroundTensor = ImageBatch.PerChannel(background);
        using var scaled = inputs * spanTensor;
        return scaled + backgroundTensor;
    }
}
