namespace MtlSharing.Benchmarks.Overhead;

/// <summary>The parameter count of one multi-task model against T independent models.</summary>
/// <param name="Backbone">The backbone's name.</param>
/// <param name="Layout">The layout as the library writes it (<see cref="Plans.Layout.ToString"/>), e.g. "top:3".</param>
/// <param name="Tasks">T.</param>
/// <param name="Parameters">Every parameter of the model: shared layers, task copies, heads.</param>
/// <param name="IndependentParameters">The parameters of T separate models (backbone and head each).</param>
/// <param name="TaskSpecificShare">The share of the parameters not shared by all tasks.</param>
public sealed record ParameterOverheadRow(string Backbone, string Layout, int Tasks, long Parameters, long IndependentParameters, double TaskSpecificShare)
{
    /// <summary>The bytes the model's parameters take at float32.</summary>
    public long Bytes => Parameters * sizeof(float);

    /// <summary>The bytes of T independent models at float32.</summary>
    public long IndependentBytes => IndependentParameters * sizeof(float);

    /// <summary>The model's size over that of T independent models (the same for parameters and bytes).</summary>
    public double RelativeToIndependent => (double)Parameters / IndependentParameters;
}
