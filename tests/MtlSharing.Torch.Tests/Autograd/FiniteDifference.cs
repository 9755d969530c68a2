namespace MtlSharing.Torch.Tests.Autograd;

/// <summary>Numerical gradients by central differences, to check autograd independently.</summary>
internal static class FiniteDifference
{
    /// <summary>
    /// ∂f/∂input for a scalar function f of a float64 tensor, one element at a time:
    /// (f(x + h·e_i) − f(x − h·e_i)) / 2h. The input's values are restored afterwards.
    /// </summary>
    public static double[] Gradient(Func<double> f, Tensor input, double h = 1e-6)
    {
        var values = input.ToArray<double>();
        var gradient = new double[values.Length];
        using var guard = no_grad();
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            values[i] = original + h;
            input.CopyFrom<double>(values);
            var plus = f();
            values[i] = original - h;
            input.CopyFrom<double>(values);
            var minus = f();
            values[i] = original;
            input.CopyFrom<double>(values);
            gradient[i] = (plus - minus) / (2 * h);
        }

        return gradient;
    }
}
