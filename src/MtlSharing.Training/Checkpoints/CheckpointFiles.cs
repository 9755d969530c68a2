using MtlSharing.Routing;
using MtlSharing.Training.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// The files a <see cref="MultiTaskTrainer"/> writes in its checkpoint directory, and loading a
/// trained model from one of them. A checkpoint is one PyTorch-format zip file (it opens with
/// <c>torch.load</c> in Python) holding <c>model.*</c>, <c>optimizer.*</c>, <c>scheduler.*</c>,
/// <c>weighting.*</c>, <c>trainer.*</c> (position and counters) and <c>rng.torch</c>.
/// </summary>
public static class CheckpointFiles
{
    /// <summary>The checkpoint written after every epoch (and at the step limit, and every N steps if asked).</summary>
    public const string LastFileName = "last.pt";

    /// <summary>The checkpoint written whenever the kept metric improves.</summary>
    public const string BestFileName = "best.pt";

    /// <summary>
    /// The JSON of the sharing plan, written beside every checkpoint (and inside it, as
    /// <c>trainer.plan</c>): its tasks, rules and options; the heads are code and are not saved.
    /// </summary>
    public const string PlanFileName = "plan.json";

    /// <summary>Loads the model weights of a trainer checkpoint into a model with the same plan and backbone.</summary>
    /// <param name="path">The checkpoint, e.g. the directory's <see cref="BestFileName"/>.</param>
    /// <param name="model">The model; left unchanged on error.</param>
    /// <exception cref="CheckpointException">The file is missing, truncated or corrupt, or was saved from another model.</exception>
    public static void LoadModel(string path, MultiTaskModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var entries = Read(path);
        var state = CheckpointKeys.Section(entries, CheckpointKeys.Model);
        try
        {
            RequireSamePlan(model, entries);
            ModelFit.Require(model, state);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(path, e.Message + "; the model was not changed", e);
        }

        model.load_state_dict(state);
    }

    /// <summary>Reads every entry of a checkpoint file; the tensors join the current dispose scope.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="CheckpointException">The file is missing, truncated or corrupt.</exception>
    internal static Dictionary<string, Tensor> Read(string path)
    {
        try
        {
            return TorchFiles.Load(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CheckpointException(path, "the file does not exist", e);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(path, $"the file is truncated or corrupt ({e.Message})", e);
        }
    }

    /// <summary>Throws unless the checkpoint was written for a model of the same plan.</summary>
    /// <exception cref="InvalidDataException">The plan is missing or differs; the message names the first difference.</exception>
    internal static void RequireSamePlan(MultiTaskModel model, IReadOnlyDictionary<string, Tensor> entries)
    {
        var saved = CheckpointValues.ReadText(entries, CheckpointKeys.Plan);
        string? difference;
        try
        {
            difference = model.Plan.DifferenceFrom(saved);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"its sharing plan ('{CheckpointKeys.Plan}') is not readable: {e.Message}", e);
        }

        if (difference is not null)
        {
            throw new InvalidDataException($"it was written for another sharing plan: {difference}");
        }
    }

    /// <summary>Writes the plan's JSON as <see cref="PlanFileName"/> in the checkpoint's folder, atomically.</summary>
    internal static void WritePlan(string checkpointPath, string json)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!;
        var temporary = Path.Combine(directory, $".{PlanFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, json);
            File.Move(temporary, Path.Combine(directory, PlanFileName), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
