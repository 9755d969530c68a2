using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Data.Transforms;

/// <summary>
/// Pads each image with zeros on every side, then cuts out a square at a random position (the usual
/// "random crop with padding" augmentation). For each sample in order it draws the top offset, then the left
/// offset, each with <see cref="Random.Next(int)"/> over the positions that keep the square inside the padded image.
/// </summary>
public sealed class RandomCrop : ITransform
{
    /// <summary>Creates the transform.</summary>
    /// <param name="size">The side of the output square, at least 1.</param>
    /// <param name="padding">The zeros added on each side before cropping, at least 0.</param>
    public RandomCrop(int size, int padding = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        Size = size;
        Padding = padding;
    }

    /// <summary>The side of the output square.</summary>
    public int Size { get; }

    /// <summary>The zeros added on each side before cropping.</summary>
    public int Padding { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor inputs, Random random)
    {
        ImageBatch.Require(inputs, nameof(RandomCrop));
        ArgumentNullException.ThrowIfNull(random);
        var (count, channels, height, width) = ((int)inputs.size(0), (int)inputs.size(1), (int)inputs.size(2), (int)inputs.size(3));
        if (height + (2 * Padding) < Size || width + (2 * Padding) < Size)
        {
            throw new ArgumentException(
                $"{nameof(RandomCrop)} cannot cut {Size} × {Size} from {height} × {width} images padded by {Padding}", nameof(inputs));
        }

        var source = inputs.ToArrayOf<float>();
        var result = new float[(long)count * channels * Size * Size];
        for (var i = 0; i < count; i++)
        {
            var top = random.Next(height + (2 * Padding) - Size + 1) - Padding;
            var left = random.Next(width + (2 * Padding) - Size + 1) - Padding;
            for (var c = 0; c < channels; c++)
            {
                var plane = ((long)i * channels) + c;
                CopyWindow(source.AsSpan((int)(plane * height * width), height * width), height, width, top, left,
                    result.AsSpan((int)(plane * Size * Size), Size * Size));
            }
        }

        return tensor(result, new long[] { count, channels, Size, Size });
    }

    private void CopyWindow(ReadOnlySpan<float> plane, int height, int width, int top, int left, Span<float> output)
    {
        for (var y = 0; y < Size; y++)
        {
            var sourceY = top + y;
            if (sourceY < 0 || sourceY >= height)
            {
                continue;
            }

            for (var x = 0; x < Size; x++)
            {
                var sourceX = left + x;
                if (sourceX >= 0 && sourceX < width)
                {
                    output[(y * Size) + x] = plane[(sourceY * width) + sourceX];
                }
            }
        }
    }
}
