using MtlSharing.Routing;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>Checks that saved model state has exactly the model's entries, with the model's shapes.</summary>
internal static class ModelFit
{
    /// <summary>Throws unless <paramref name="saved"/> would load into <paramref name="model"/> strictly.</summary>
    /// <param name="model">The model.</param>
    /// <param name="saved">The saved entries, without the <c>model.</c> prefix.</param>
    /// <exception cref="InvalidDataException">Missing or unexpected entries, or shape mismatches, listed.</exception>
    public static void Require(MultiTaskModel model, IReadOnlyDictionary<string, Tensor> saved)
    {
        if (model.StateDictMismatch(saved) is { } mismatch)
        {
            throw new InvalidDataException($"it was saved from another model: {mismatch}");
        }
    }
}
