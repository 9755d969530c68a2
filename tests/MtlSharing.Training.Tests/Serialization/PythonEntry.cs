using System.Text.Json;
using TorchSharp;
using static MtlSharing.Training.Tests.Serialization.TensorValues;

namespace MtlSharing.Training.Tests.Serialization;

/// <summary>One tensor as torch_interop.py describes it in JSON.</summary>
internal sealed record PythonEntry(string Type, long[] Shape, string Dtype, bool RequiresGrad, double Sum, double WeightedSum, double[]? Values)
{
    /// <summary>Parses the object that describe() in torch_interop.py prints.</summary>
    public static PythonEntry Parse(JsonElement json)
    {
        var type = json.GetProperty("type").GetString()!;
        if (type != "tensor")
        {
            return new PythonEntry(type, [], "", false, double.NaN, double.NaN, null);
        }

        var values = json.GetProperty("values");
        return new PythonEntry(
            type,
            json.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            json.GetProperty("dtype").GetString()!,
            json.GetProperty("requires_grad").GetBoolean(),
            json.GetProperty("sum").GetDouble(),
            json.GetProperty("weighted_sum").GetDouble(),
            values.ValueKind == JsonValueKind.Null ? null : values.EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }

    /// <summary>Parses a JSON object of described tensors, keeping its order.</summary>
    public static Dictionary<string, PythonEntry> ParseAll(JsonElement json) =>
        json.EnumerateObject().ToDictionary(p => p.Name, p => Parse(p.Value));

    /// <summary>Asserts that <paramref name="tensor"/> is the tensor this entry describes.</summary>
    public void ShouldDescribe(torch.Tensor tensor, string because)
    {
        Type.Should().Be("tensor", because);
        tensor.shape.Should().Equal(Shape, because);
        DtypeName(tensor.dtype).Should().Be(Dtype, because);
        tensor.requires_grad.Should().Be(RequiresGrad, because);
        if (Values is not null)
        {
            Doubles(tensor).Should().Equal(Values, because);
        }

        TensorValues.Sum(tensor).Should().BeApproximately(Sum, 1e-6 * Math.Max(1, Math.Abs(Sum)), because);
        TensorValues.WeightedSum(tensor).Should().BeApproximately(WeightedSum, 1e-6 * Math.Max(1, Math.Abs(WeightedSum)), because);
    }
}
