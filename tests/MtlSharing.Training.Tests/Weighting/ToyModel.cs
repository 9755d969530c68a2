using MtlSharing.Plans;
using MtlSharing.Routing;
using TorchSharp.Modules;

namespace MtlSharing.Training.Tests.Weighting;

/// <summary>
/// A bias-free linear multi-task model in float64 with chosen weights: a shared layer z = W x and
/// per task a head y_t = h_t · z, with loss L_t = y_t. So ∇_W L_t = h_t xᵀ and ∇_{h_t} L_t = z,
/// which makes every gradient easy to work out by hand.
/// </summary>
internal sealed class ToyModel : IDisposable
{
    private ToyModel(MultiTaskModel model, Linear shared)
    {
        Model = model;
        Shared = shared;
    }

    public MultiTaskModel Model { get; }

    /// <summary>The shared layer W.</summary>
    public Linear Shared { get; }

    /// <summary>Builds the model: W is [out, in]; each head is a row vector over W's outputs.</summary>
    public static ToyModel Create(double[,] shared, IReadOnlyDictionary<string, double[]> heads)
    {
        var layer = Layer(shared);
        var model = SharingPlan.For(heads.Keys, t => Layer(To2D(heads[t]))).Apply(nn.Sequential(layer));
        return new ToyModel(model, layer);
    }

    /// <summary>A bias-free float64 linear layer with the given weight.</summary>
    public static Linear Layer(double[,] weight)
    {
        var layer = nn.Linear(weight.GetLength(1), weight.GetLength(0), hasBias: false);
        using var old = layer.weight;
        using var data = from_array(weight);
        layer.weight = new Parameter(data);
        return layer;
    }

    public Linear Head(string task) => (Linear)Model.Head(task);

    /// <summary>L_t = sum of head t's outputs for the one sample x.</summary>
    public Dictionary<string, Tensor> Losses(params double[] x)
    {
        var input = tensor(x, new long[] { 1, x.Length });
        return Model.Tasks.ToDictionary(t => t, t => Model.forward(input, t).sum());
    }

    public static double[] Grad(Parameter parameter)
    {
        using var grad = parameter.grad ?? throw new InvalidOperationException("the parameter has no gradient");
        return grad.data<double>().ToArray();
    }

    public void Dispose() => Model.Dispose();

    private static double[,] To2D(double[] row)
    {
        var result = new double[1, row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            result[0, i] = row[i];
        }

        return result;
    }
}
