using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.Optim;

/// <summary>Float64 parameters with gradients set by hand, and a quadratic whose gradient the tests compute in doubles.</summary>
internal static class OptimTestData
{
    /// <summary>The curvature of the test quadratic f(p) = Σ ½·c_i·(p_i − t_i)².</summary>
    public static readonly double[] Curvature = [1.0, 2.5, 0.5];

    /// <summary>The minimum of the test quadratic.</summary>
    public static readonly double[] Target = [0.5, -1.0, 2.0];

    public static Parameter Param(params double[] values)
    {
        using var data = tensor(values).DetachFromDisposeScope();
        return new Parameter(data);
    }

    public static void SetGrad(Tensor parameter, double[] grad)
    {
        using var g = tensor(grad).DetachFromDisposeScope();
        parameter.grad = g;
    }

    public static double[] Values(Tensor parameter) => parameter.ToArray<double>();

    /// <summary>The gradient of the test quadratic at p.</summary>
    public static double[] QuadraticGrad(double[] p) =>
        p.Select((v, i) => Curvature[i] * (v - Target[i])).ToArray();

    /// <summary>Sets the parameter's gradient to the quadratic's gradient at its current values.</summary>
    public static void SetQuadraticGrad(Tensor parameter) => SetGrad(parameter, QuadraticGrad(Values(parameter)));

    /// <summary>Asserts that two vectors agree element by element within a tolerance.</summary>
    public static void ShouldBeClose(this double[] actual, double[] expected, double tolerance = 1e-12, string because = "") =>
        actual.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= tolerance, because);
}
