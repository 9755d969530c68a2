using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace QuickStart;

/// <summary>
/// Generated data: 16×16 grey images of noise with one bright 4×4 patch. Task "quadrant" asks which
/// quadrant the patch sits in (4 classes); task "brightness" asks whether the noise is dim or
/// bright (2 classes). Each task gets its own images.
/// </summary>
internal static class QuadrantImages
{
    public static readonly string[] Tasks = ["quadrant", "brightness"];
    private const int Size = 16;

    public static int Classes(string task) => task == "quadrant" ? 4 : 2;

    /// <summary>A task's dataset of <paramref name="count"/> images, the same for a seed.</summary>
    public static TensorDataset Dataset(string task, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * Size * Size];
        var labels = new long[count];
        for (var n = 0; n < count; n++)
        {
            var quadrant = random.Next(4);
            var bright = random.Next(2);
            labels[n] = task == "quadrant" ? quadrant : bright;
            var top = (quadrant / 2 * 8) + random.Next(5);
            var left = (quadrant % 2 * 8) + random.Next(5);
            var image = pixels.AsSpan(n * Size * Size, Size * Size);
            for (var i = 0; i < image.Length; i++)
            {
                image[i] = (float)(random.NextDouble() * 0.5) + (bright * 0.25f);
            }

            for (var y = top; y < top + 4; y++)
            {
                for (var x = left; x < left + 4; x++)
                {
                    image[(y * Size) + x] += 1f;
                }
            }
        }

        return new TensorDataset(tensor(pixels, new long[] { count, 1, Size, Size }), tensor(labels));
    }
}
