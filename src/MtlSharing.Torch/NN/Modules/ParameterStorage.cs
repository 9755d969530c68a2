using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules;

/// <summary>Fresh parameter storage for the layers' constructors.</summary>
internal static class ParameterStorage
{
    /// <summary>A parameter of uninitialised float32 values, to be filled by an initialiser.</summary>
    public static Parameter Empty(params long[] shape)
    {
        using var data = empty(shape);
        return new Parameter(data);
    }

    /// <summary>A parameter filled with one value.</summary>
    public static Parameter Full(double value, params long[] shape)
    {
        using var data = full(shape, value);
        return new Parameter(data);
    }

    /// <summary>The PyTorch default initialisation of a weight and its bias (Linear, Conv2d).</summary>
    public static void ResetAffine(Tensor weight, Tensor? bias)
    {
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null)
        {
            return;
        }

        var (fanIn, _) = nn.init.CalculateFanInAndFanOut(weight);
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        nn.init.uniform_(bias, -bound, bound);
    }
}
