using MtlSharing.Routing;
using TorchSharp;
using MtlSharing.Training.Weighting;
using MtlSharing.Training.Serialization;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// Everything a trainer checkpoint holds, and how it is put back: the model under <c>model.</c>,
/// the optimizer under <c>optimizer.</c>, the scheduler under <c>scheduler.</c>, the weighting
/// under <c>weighting.</c>, the trainer's position and counters under <c>trainer.</c> (with the
/// sampler's and weighting's names, checked on resume) and libtorch's random state as
/// <c>rng.torch</c>. Restoring checks the whole file against the trainer before changing
/// anything; the optimizer, scheduler and weighting validate their own parts while loading, and
/// if one of them refuses, the others are put back as they were.
/// </summary>
internal sealed class TrainingSnapshot(MultiTaskModel model, optim.Optimizer optimizer, optim.lr_scheduler.LRScheduler? scheduler, LossWeighting weighting, string samplerName)
{
    /// <summary>Writes a checkpoint atomically (temporary file, flush, rename).</summary>
    /// <param name="path">The file.</param>
    /// <param name="state">The trainer's progress.</param>
    public void Save(string path, TrainerState state)
    {
        using var scope = NewDisposeScope();
        var entries = model.state_dict(prefix: CheckpointKeys.Model.TrimEnd('.'));
        AddSection(entries, CheckpointKeys.Optimizer, OptimizerSnapshot.Capture(optimizer));
        if (scheduler is not null)
        {
            AddSection(entries, CheckpointKeys.Scheduler, SchedulerSnapshot.Capture(scheduler));
        }

        AddSection(entries, CheckpointKeys.Weighting, weighting.StateDict());
        entries[CheckpointKeys.Format] = CheckpointValues.Long(CheckpointKeys.FormatVersion);
        entries[CheckpointKeys.SamplerName] = CheckpointValues.Text(samplerName);
        var planJson = model.Plan.ToJson();
        entries[CheckpointKeys.Plan] = CheckpointValues.Text(planJson);
        entries[CheckpointKeys.WeightingName] = CheckpointValues.Text(weighting.Name);
        state.WriteTo(entries);
        entries[CheckpointKeys.TorchRng] = get_rng_state();
        TorchFiles.Save(entries, path);
        CheckpointFiles.WritePlan(path, planJson);
    }

    /// <summary>Puts a checkpoint back into the trainer's components.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The trainer's progress.</returns>
    /// <exception cref="CheckpointException">The file is missing, unreadable or does not fit; nothing was changed.</exception>
    public TrainerState Restore(string path)
    {
        using var scope = NewDisposeScope();
        var entries = CheckpointFiles.Read(path);
        TrainerState state;
        Dictionary<string, Tensor> modelState;
        try
        {
            CheckIdentity(entries);
            state = TrainerState.Read(entries, model.Tasks);
            modelState = CheckpointKeys.Section(entries, CheckpointKeys.Model);
            ModelFit.Require(model, modelState);
            RequireRngState(entries);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(path, e.Message + "; nothing was changed", e);
        }

        LoadComponents(path, entries);
        model.load_state_dict(modelState);
        set_rng_state(entries[CheckpointKeys.TorchRng]);
        return state;
    }

    private void CheckIdentity(Dictionary<string, Tensor> entries)
    {
        var format = CheckpointValues.ReadLong(entries, CheckpointKeys.Format);
        if (format != CheckpointKeys.FormatVersion)
        {
            throw new InvalidDataException($"it has format version {format}, but this trainer reads version {CheckpointKeys.FormatVersion}");
        }

        CheckpointFiles.RequireSamePlan(model, entries);
        var savedSampler = CheckpointValues.ReadText(entries, CheckpointKeys.SamplerName);
        if (savedSampler != samplerName)
        {
            throw new InvalidDataException($"it was written with the task sampler '{savedSampler}', but this trainer uses '{samplerName}'; its position would mean other batches");
        }

        var savedWeighting = CheckpointValues.ReadText(entries, CheckpointKeys.WeightingName);
        if (savedWeighting != weighting.Name)
        {
            throw new InvalidDataException($"it was written with the loss weighting '{savedWeighting}', but this trainer uses '{weighting.Name}'");
        }

        var hasScheduler = entries.Keys.Any(k => k.StartsWith(CheckpointKeys.Scheduler, StringComparison.Ordinal));
        if (hasScheduler != scheduler is not null)
        {
            throw new InvalidDataException(hasScheduler
                ? "it holds a learning-rate scheduler's state, but this trainer has no scheduler"
                : "it holds no learning-rate scheduler state, but this trainer has a scheduler");
        }

        if (!entries.Keys.Any(k => k.StartsWith(CheckpointKeys.Optimizer, StringComparison.Ordinal)))
        {
            throw new InvalidDataException("it holds no optimizer state (no 'optimizer.' entries)");
        }
    }

    private static void RequireRngState(Dictionary<string, Tensor> entries)
    {
        if (!entries.TryGetValue(CheckpointKeys.TorchRng, out var saved))
        {
            throw new InvalidDataException($"entry '{CheckpointKeys.TorchRng}' (libtorch's random state) is missing");
        }

        using var current = get_rng_state();
        if (saved.dtype != current.dtype || !saved.shape.SequenceEqual(current.shape))
        {
            throw new InvalidDataException($"entry '{CheckpointKeys.TorchRng}' should be a {current.dtype} tensor of shape [{string.Join(", ", current.shape)}] but is {saved.dtype} of shape [{string.Join(", ", saved.shape)}]");
        }
    }

    private void LoadComponents(string path, Dictionary<string, Tensor> entries)
    {
        var optimizerBefore = OptimizerSnapshot.Capture(optimizer);
        var schedulerBefore = scheduler is null ? null : SchedulerSnapshot.Capture(scheduler);
        var weightingBefore = weighting.StateDict();
        var step = "optimizer";
        try
        {
            OptimizerSnapshot.Restore(optimizer, CheckpointKeys.Section(entries, CheckpointKeys.Optimizer));
            step = "scheduler";
            if (scheduler is not null)
            {
                SchedulerSnapshot.Restore(scheduler, CheckpointKeys.Section(entries, CheckpointKeys.Scheduler));
            }

            step = "loss weighting";
            weighting.LoadStateDict(CheckpointKeys.Section(entries, CheckpointKeys.Weighting));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidDataException or KeyNotFoundException or FormatException or System.Runtime.InteropServices.ExternalException)
        {
            OptimizerSnapshot.Restore(optimizer, optimizerBefore);
            if (schedulerBefore is not null)
            {
                SchedulerSnapshot.Restore(scheduler!, schedulerBefore);
            }

            weighting.LoadStateDict(weightingBefore);
            throw new CheckpointException(path, $"its {step} state does not fit this trainer ({e.Message}); nothing was changed", e);
        }
    }

    private static void AddSection(Dictionary<string, Tensor> entries, string prefix, Dictionary<string, Tensor> section)
    {
        foreach (var (key, value) in section)
        {
            entries[prefix + key] = value;
        }
    }
}
