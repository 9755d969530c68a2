using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>The batches of one epoch, handed out step by step; disposing it closes the loaders' enumerators.</summary>
internal interface IEpochBatches : IDisposable
{
    /// <summary>Loads the next batch of each of the step's tasks. The tensors join the current dispose scope.</summary>
    /// <param name="tasks">The tasks of the step.</param>
    /// <returns>Each task's inputs and labels.</returns>
    StepBatch Next(IReadOnlyList<string> tasks);
}
