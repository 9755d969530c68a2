using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>Reads tensor elements as doubles and compares them with numbers computed independently.</summary>
internal static class TensorValues
{
    /// <summary>The elements as doubles, in row-major order, whatever the tensor's floating-point type.</summary>
    public static double[] Values(this Tensor tensor)
    {
        using var asDouble = tensor.detach().to(float64);
        return asDouble.data<double>().ToArray();
    }

    /// <summary>The single element as a double, whatever the tensor's floating-point type.</summary>
    public static double Scalar(this Tensor tensor) => tensor.Values().Single();

    /// <summary>Asserts every element is within the tolerance (relative above magnitude 1) of the expected value.</summary>
    public static void ShouldBeCloseWithin(this Tensor actual, double tolerance, params double[] expected)
    {
        var values = actual.Values();
        values.Should().HaveCount(expected.Length, "the tensor of shape [{0}] should hold as many elements as expected", string.Join(", ", actual.shape));
        for (var i = 0; i < expected.Length; i++)
        {
            var allowed = tolerance * Math.Max(1, Math.Abs(expected[i]));
            Math.Abs(values[i] - expected[i]).Should().BeLessThanOrEqualTo(allowed, "element {0} is {1} but {2} was expected", i, values[i], expected[i]);
        }
    }
}
