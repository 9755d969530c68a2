namespace MtlSharing.Torch.Tests.Tensors;

/// <summary>Compares tensor elements with numbers computed independently of the library.</summary>
internal static class TensorAssert
{
    /// <summary>The elements as doubles, in row-major order, whatever the tensor's type.</summary>
    public static double[] Values(this Tensor tensor)
    {
        using var asDouble = tensor.to(float64);
        return asDouble.ToArray<double>();
    }

    /// <summary>Asserts every element is within 1e-5 (relative above magnitude 1) of the expected value.</summary>
    public static void ShouldBeClose(this Tensor actual, params double[] expected) => actual.ShouldBeCloseWithin(1e-5, expected);

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

    /// <summary>Asserts the tensor holds exactly these integers (any integer or bool type).</summary>
    public static void ShouldEqualIntegers(this Tensor actual, params long[] expected)
    {
        using var asLong = actual.to(int64);
        asLong.ToArray<long>().Should().Equal(expected);
    }
}
