using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>Deterministic float32 test data: a sine wave laid out in the given shape.</summary>
internal static class Wave
{
    public static Tensor Of(long[] shape, double frequency = 0.37, double phase = 0.1, double amplitude = 1)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)(amplitude * Math.Sin((frequency * i) + phase));
        }

        return tensor(values, shape);
    }
}
