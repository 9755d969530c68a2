using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>The input shape a backbone accepts: images [N, C, H, W] or feature vectors [N, F].</summary>
internal sealed class InputSpec
{
    private InputSpec(long size, bool image)
    {
        Size = size;
        IsImage = image;
    }

    /// <summary>The channel count of an image, or the feature count of a vector.</summary>
    public long Size { get; }

    /// <summary>Whether inputs are images (rank 4) rather than vectors (rank 2).</summary>
    public bool IsImage { get; }

    /// <summary>The shape as text, e.g. "[N, 3, H, W]" or "[N, 20]".</summary>
    public string Text => IsImage ? $"[N, {Size}, H, W]" : $"[N, {Size}]";

    /// <summary>Images with a given number of channels.</summary>
    public static InputSpec Image(long channels) => new(channels, image: true);

    /// <summary>Vectors with a given number of features.</summary>
    public static InputSpec Vector(long features) => new(features, image: false);

    /// <summary>Throws unless a batch has this shape; the message names the expected shape.</summary>
    /// <param name="input">The batch.</param>
    /// <param name="title">The backbone's name for the message, e.g. "ResNet-18".</param>
    public void Check(Tensor input, string title)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.shape;
        var rank = IsImage ? 4 : 2;
        if (shape.Length != rank)
        {
            throw Mismatch(title, shape, $"a rank-{rank} tensor, got rank {shape.Length}");
        }

        if (shape[1] != Size)
        {
            var what = IsImage ? "channels" : "features";
            throw Mismatch(title, shape, $"{Size} {what}, got {shape[1]}");
        }
    }

    /// <summary>The shape of one sample of the default size (224×224 or 32×32 images), without the batch dimension.</summary>
    /// <param name="side">The image side; ignored for vectors.</param>
    public long[] Sample(long side) => IsImage ? [Size, side, side] : [Size];

    private ArgumentException Mismatch(string title, long[] shape, string detail) =>
        new($"{title} expects input of shape {Text} ({detail}): got [{string.Join(", ", shape)}]", "input");
}
