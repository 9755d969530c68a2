using TorchSharp;
using static TorchSharp.torch;

namespace QuickStart;

/// <summary>
/// Generated data: 16×16 grey images of noise with one bright 4×4 patch; the class (0–3) is the
/// quadrant the patch sits in.
/// </summary>
internal static class QuadrantImages
{
    public const int Classes = 4;
    private const int Size = 16;

    public static (Tensor Images, Tensor Labels) Batch(int count, Random random)
    {
        var pixels = new float[count * Size * Size];
        var labels = new long[count];
        for (var n = 0; n < count; n++)
        {
            var label = random.Next(Classes);
            labels[n] = label;
            var top = (label / 2 * 8) + random.Next(5);
            var left = (label % 2 * 8) + random.Next(5);
            var image = pixels.AsSpan(n * Size * Size, Size * Size);
            for (var i = 0; i < image.Length; i++)
            {
                image[i] = (float)(random.NextDouble() * 0.5);
            }

            for (var y = top; y < top + 4; y++)
            {
                for (var x = left; x < left + 4; x++)
                {
                    image[(y * Size) + x] += 1f;
                }
            }
        }

        return (tensor(pixels, new long[] { count, 1, Size, Size }), tensor(labels));
    }
}
