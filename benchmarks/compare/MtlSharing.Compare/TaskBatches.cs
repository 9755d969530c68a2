using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>One batch of standard-normal images (in the run's memory format) with uniform labels per task, made once and reused so the timing measures the engine.</summary>
internal sealed class TaskBatches : IDisposable
{
    public TaskBatches(IReadOnlyList<string> tasks, CompareOptions options)
    {
        manual_seed(0);
        Inputs = tasks.ToDictionary(t => t, _ => ComparisonModel.Images(options), StringComparer.Ordinal);
        Labels = tasks.ToDictionary(t => t, _ => randint(0, options.Classes, [options.Batch]), StringComparer.Ordinal);
    }

    public Dictionary<string, Tensor> Inputs { get; }

    public Dictionary<string, Tensor> Labels { get; }

    public void Dispose()
    {
        foreach (var tensor in Inputs.Values.Concat(Labels.Values))
        {
            tensor.Dispose();
        }
    }
}
