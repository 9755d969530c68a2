using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>Sends the trainer's events to <see cref="TrainerOptions.Progress"/> and its log lines to <see cref="TrainerOptions.Logger"/>.</summary>
internal sealed class TrainingReporter(TrainerOptions options, optim.Optimizer optimizer)
{
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    private readonly ILogger logger = options.Logger ?? NullLogger.Instance;

    private double LearningRate => optimizer.ParamGroups.First().LearningRate;

    /// <summary>Reports a finished (or skipped) step.</summary>
    public void Step(int epoch, int step, int stepsInEpoch, long globalStep, StepOutcome outcome, long skipped)
    {
        if (outcome.Skipped)
        {
            logger.LogWarning(
                "skipped step {Step} of epoch {Epoch} (global step {GlobalStep}): the loss of task {Task} is {Loss}; {Skipped} steps skipped so far",
                step,
                epoch,
                globalStep,
                outcome.SkippedTask,
                outcome.SkippedLoss,
                skipped);
        }

        var phase = outcome.Skipped ? TrainingPhase.BatchSkipped : TrainingPhase.Training;
        options.Progress?.Report(new TrainingProgress(phase, epoch, step, stepsInEpoch, globalStep, outcome.Losses, outcome.Weights, LearningRate, None, skipped));
    }

    /// <summary>Reports a non-finite loss that stops training.</summary>
    public void Failed(NonFiniteLossException exception) =>
        logger.LogError(exception, "training stopped: the loss of task {Task} is {Loss} at epoch {Epoch}, step {Step}", exception.Task, exception.Loss, exception.Epoch, exception.Step);

    /// <summary>Reports the end of an epoch and its evaluation.</summary>
    public void Evaluated(int epoch, int stepsInEpoch, long globalStep, IReadOnlyDictionary<string, double> meanLosses, IReadOnlyDictionary<string, double> metrics, long skipped)
    {
        logger.LogInformation(
            "epoch {Epoch} finished after {Steps} steps: mean losses {Losses}; metrics {Metrics}; learning rate {LearningRate}",
            epoch,
            stepsInEpoch,
            Format(meanLosses),
            Format(metrics),
            LearningRate);
        options.Progress?.Report(new TrainingProgress(TrainingPhase.Evaluated, epoch, stepsInEpoch, stepsInEpoch, globalStep, None, None, LearningRate, metrics, skipped));
    }

    /// <summary>Reports a written checkpoint.</summary>
    public void CheckpointSaved(string path, int epoch, int step, int stepsInEpoch, long globalStep, IReadOnlyDictionary<string, double> metrics, long skipped)
    {
        logger.LogDebug("wrote checkpoint {Path} at epoch {Epoch}, step {Step} (global step {GlobalStep})", path, epoch, step, globalStep);
        options.Progress?.Report(new TrainingProgress(TrainingPhase.CheckpointSaved, epoch, step, stepsInEpoch, globalStep, None, None, LearningRate, metrics, skipped, path));
    }

    /// <summary>Reports early stopping.</summary>
    public void EarlyStopped(int epoch, int stepsInEpoch, long globalStep, IReadOnlyDictionary<string, double> metrics, long skipped, double? best, int? bestEpoch)
    {
        logger.LogInformation(
            "stopping early after epoch {Epoch}: {Metric} has not improved for {Patience} epochs (best {Best} at epoch {BestEpoch})",
            epoch,
            options.KeepBestBy,
            options.Patience,
            best,
            bestEpoch);
        options.Progress?.Report(new TrainingProgress(TrainingPhase.EarlyStopped, epoch, stepsInEpoch, stepsInEpoch, globalStep, None, None, LearningRate, metrics, skipped));
    }

    /// <summary>Logs a resume.</summary>
    public void Resumed(string path, int epoch, int step, long globalStep) =>
        logger.LogInformation("resumed from {Path} at epoch {Epoch}, step {Step} (global step {GlobalStep})", path, epoch, step, globalStep);

    private static string Format(IReadOnlyDictionary<string, double> values) =>
        values.Count == 0 ? "(none)" : string.Join(", ", values.Select(v => $"{v.Key}={v.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
}
