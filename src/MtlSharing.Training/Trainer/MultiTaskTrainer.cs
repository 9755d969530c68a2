using MtlSharing.Routing;
using TorchSharp.Modules;
using MtlSharing.Training.Checkpoints;
using MtlSharing.Training.Sampling;
using MtlSharing.Training.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// Trains a <see cref="MultiTaskModel"/> on several tasks. Each epoch the sampler plans which
/// tasks' batches every optimizer step uses; each step takes each task's cross-entropy (labels of
/// -100 ignored), lets the loss weighting write the gradients, clips them and updates. After each
/// epoch the weighting sees the mean losses, the scheduler steps, the model is evaluated, and
/// checkpoints are written: <c>last.pt</c> always, <c>best.pt</c> when the kept metric improves.
/// Training stops early when that metric has not improved for the patience.
/// <para>
/// Runs are deterministic: a fresh run seeds libtorch with <see cref="TrainerOptions.Seed"/>, and
/// loaders and samplers are deterministic in (seed, epoch). A checkpoint holds the exact position
/// (epoch and step within it), so <see cref="Resume"/> followed by <see cref="Train"/> continues
/// with the very next batch, even in another process.
/// </para>
/// </summary>
public sealed class MultiTaskTrainer : IDisposable
{
    private readonly TrainingData data;
    private readonly ITaskSampler sampler;
    private readonly LossWeighting weighting;
    private readonly TrainerOptions options;
    private readonly StepRunner runner;
    private readonly TrainingSnapshot snapshot;
    private readonly TrainingReporter reporter;
    private readonly IReadOnlyDictionary<string, int> batchesPerTask;
    private TrainerState state = new();
    private bool restored;
    private bool unsaved;
    private bool disposed;

    /// <summary>
    /// Makes a trainer. Everything is checked before anything changes: the options, the data
    /// against the model (every task has data, labels fit each head). Then the weighting is
    /// initialised, and the optimizer is made over the model's parameters followed by the
    /// weighting's, and the scheduler over the optimizer.
    /// </summary>
    /// <param name="model">The model to train.</param>
    /// <param name="data">The training data.</param>
    /// <param name="sampler">Plans the tasks of each step.</param>
    /// <param name="weighting">Turns the per-task losses into gradients.</param>
    /// <param name="optimizerFactory">Makes the optimizer from the parameters to train, e.g. <c>p =&gt; torch.optim.Adam(p, lr: 1e-3)</c>.</param>
    /// <param name="options">The settings, or null for the defaults.</param>
    /// <exception cref="ArgumentException">A bad setting, a task without data, data for an unknown task, an unlabelled task, or a label out of range for its head.</exception>
    public MultiTaskTrainer(MultiTaskModel model, TrainingData data, ITaskSampler sampler, LossWeighting weighting, Func<IEnumerable<Parameter>, optim.Optimizer> optimizerFactory, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(weighting);
        ArgumentNullException.ThrowIfNull(optimizerFactory);
        this.options = options ?? new TrainerOptions();
        this.options.Validate();
        var distributed = this.options.Distributed;
        data.Validate(model, distributed?.LocalTasks);
        (Model, this.data, this.sampler, this.weighting) = (model, data, sampler, weighting);
        weighting.Initialize(model);
        var trained = model.parameters().Concat(weighting.Parameters()).ToList();
        distributed?.Start(model, trained);
        batchesPerTask = distributed?.AgreeBatchesPerTask(data.BatchesPerTask) ?? data.BatchesPerTask;
        Optimizer = optimizerFactory(trained) ?? throw new ArgumentException("the optimizer factory returned null", nameof(optimizerFactory));
        try
        {
            Scheduler = this.options.SchedulerFactory?.Invoke(Optimizer);
            if (this.options.CheckpointDirectory is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch
        {
            Optimizer.Dispose();
            throw;
        }

        runner = new StepRunner(model, weighting, Optimizer, trained, this.options);
        snapshot = new TrainingSnapshot(model, Optimizer, Scheduler, weighting, sampler.Name);
        reporter = new TrainingReporter(distributed is { IsLeader: false } ? this.options with { Logger = null, Progress = null } : this.options, Optimizer);
    }

    /// <summary>The model being trained.</summary>
    public MultiTaskModel Model { get; }

    /// <summary>The optimizer, made by the factory; the trainer disposes it.</summary>
    public optim.Optimizer Optimizer { get; }

    /// <summary>The learning-rate scheduler, if <see cref="TrainerOptions.SchedulerFactory"/> was given.</summary>
    public optim.lr_scheduler.LRScheduler? Scheduler { get; }

    /// <summary>The epoch training continues with (zero-based).</summary>
    public int Epoch => state.Epoch;

    /// <summary>The steps of <see cref="Epoch"/> already taken.</summary>
    public int StepInEpoch => state.StepInEpoch;

    /// <summary>The steps taken since the start of training (across resumes).</summary>
    public long GlobalStep => state.GlobalStep;

    /// <summary>The steps skipped for non-finite losses since the start of training.</summary>
    public long SkippedBatches => state.SkippedBatches;

    /// <summary>The best value of <see cref="TrainerOptions.KeepBestBy"/> so far, if any.</summary>
    public double? BestMetric => state.BestMetric;

    /// <summary>
    /// Trains from the current position until <see cref="TrainerOptions.Epochs"/> epochs are done,
    /// the patience runs out, or <see cref="TrainerOptions.MaxSteps"/> steps are done. Calling it
    /// again continues where it stopped.
    /// </summary>
    /// <returns>What this call did.</returns>
    /// <exception cref="NonFiniteLossException">A loss was NaN or infinite and the policy is to throw; checkpoints already written are untouched.</exception>
    /// <exception cref="InvalidOperationException">The sampler planned an invalid epoch, or <see cref="TrainerOptions.Evaluate"/> did not return the kept metric.</exception>
    public TrainingResult Train()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (state.IsFresh && !restored)
        {
            manual_seed(options.Seed);
        }

        var epochs = new List<EpochSummary>();
        while (state.Epoch < options.Epochs && !PatienceExhausted)
        {
            var plan = EpochPlans.Make(sampler, state.Epoch, batchesPerTask);
            if (state.StepInEpoch > plan.Count)
            {
                throw new InvalidOperationException($"the trainer is at step {state.StepInEpoch} of epoch {state.Epoch}, but the sampler '{sampler.Name}' plans only {plan.Count} steps for it; the checkpoint was written with other data or sampler settings");
            }

            using (var batches = data.Open(state.Epoch, LocalPlan(plan), state.StepInEpoch))
            {
                while (state.StepInEpoch < plan.Count)
                {
                    if (options.MaxSteps is { } maxSteps && state.GlobalStep >= maxSteps)
                    {
                        if (unsaved && options.CheckpointDirectory is not null)
                        {
                            SaveLast(plan.Count, Empty);
                        }

                        return Result(epochs, stoppedEarly: false, reachedMaxSteps: true);
                    }

                    RunStep(batches, plan);
                }
            }

            var finished = FinishEpoch(plan.Count);
            epochs.Add(finished);
            if (PatienceExhausted)
            {
                reporter.EarlyStopped(finished.Epoch, plan.Count, state.GlobalStep, finished.Metrics, state.SkippedBatches, state.BestMetric, state.BestEpoch);
            }
        }

        return Result(epochs, stoppedEarly: PatienceExhausted, reachedMaxSteps: false);
    }

    /// <summary>
    /// Continues from a checkpoint written by a trainer with the same model layout, optimizer,
    /// scheduler, sampler, weighting and data: the model, optimizer, scheduler and weighting
    /// states, the position, counters, best metric and libtorch's random state are restored, so
    /// <see cref="Train"/> continues with the batch after the one the checkpoint ended on. The
    /// whole file is checked before anything changes.
    /// </summary>
    /// <param name="path">The checkpoint, e.g. <c>last.pt</c> in the checkpoint directory.</param>
    /// <exception cref="CheckpointException">The file is missing, truncated or corrupt, or does not fit this trainer; the trainer is unchanged.</exception>
    public void Resume(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        state = snapshot.Restore(options.Distributed?.CheckpointPath(path) ?? path);
        (restored, unsaved) = (true, false);
        reporter.Resumed(path, state.Epoch, state.StepInEpoch, state.GlobalStep);
    }

    /// <summary>Writes a checkpoint of the current state to any path, atomically. With <see cref="TrainerOptions.Distributed"/>, every process calls it and the leader writes.</summary>
    /// <param name="path">The file to create or replace; its directory must exist.</param>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        WriteSnapshot(path);
    }

    /// <summary>Disposes the optimizer (not the model, data or weighting).</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            Optimizer.Dispose();
        }
    }

    private static IReadOnlyDictionary<string, double> Empty { get; } = new Dictionary<string, double>();

    private bool PatienceExhausted => options.Patience is { } patience && state.EpochsWithoutImprovement >= patience;

    private void RunStep(IEpochBatches batches, IReadOnlyList<IReadOnlyList<string>> plan)
    {
        var (epoch, step, globalStep) = (state.Epoch, state.StepInEpoch, state.GlobalStep);
        StepOutcome outcome;
        try
        {
            outcome = runner.Run(batches, plan[step], epoch, step, globalStep);
        }
        catch (NonFiniteLossException e)
        {
            reporter.Failed(e);
            throw;
        }

        state.CompleteStep(outcome);
        unsaved = true;
        reporter.Step(epoch, step, plan.Count, globalStep, outcome, state.SkippedBatches);
        if (options.CheckpointEverySteps is { } every && state.GlobalStep % every == 0)
        {
            SaveLast(plan.Count, Empty);
        }
    }

    private EpochSummary FinishEpoch(int stepsInEpoch)
    {
        var epoch = state.Epoch;
        var meanLosses = options.Distributed?.AgreeMeanLosses(state.LossTotals()) ?? state.MeanLosses();
        weighting.EndEpoch(meanLosses);
        Scheduler?.step();
        options.Distributed?.Synchronize(Model);
        var evaluated = EpochEvaluation.Run(options.Evaluate, Model, epoch, options.Autocast);
        var metrics = options.Distributed?.FromLeader(evaluated) ?? evaluated;
        var improved = options.KeepBestBy is { } name && state.RecordMetric(EpochEvaluation.Metric(metrics, name), options.HigherIsBetter);
        state.FinishEpoch();
        reporter.Evaluated(epoch, stepsInEpoch, state.GlobalStep, meanLosses, metrics, state.SkippedBatches);
        if (options.CheckpointDirectory is { } directory)
        {
            if (improved)
            {
                Save(Path.Combine(directory, CheckpointFiles.BestFileName), epoch, stepsInEpoch, stepsInEpoch, metrics);
            }

            SaveLast(stepsInEpoch, metrics, epoch, stepsInEpoch);
        }

        return new EpochSummary(epoch, meanLosses, metrics, improved);
    }

    private void SaveLast(int stepsInEpoch, IReadOnlyDictionary<string, double> metrics, int? epoch = null, int? step = null)
    {
        Save(Path.Combine(options.CheckpointDirectory!, CheckpointFiles.LastFileName), epoch ?? state.Epoch, step ?? state.StepInEpoch, stepsInEpoch, metrics);
        unsaved = false;
    }

    private void Save(string path, int epoch, int step, int stepsInEpoch, IReadOnlyDictionary<string, double> metrics)
    {
        WriteSnapshot(path);
        reporter.CheckpointSaved(path, epoch, step, stepsInEpoch, state.GlobalStep, metrics, state.SkippedBatches);
    }

    /// <summary>Writes the state; with several processes, brings every task's parameters to all first, and those that write do while the others wait.</summary>
    private void WriteSnapshot(string path)
    {
        var distributed = options.Distributed;
        distributed?.Synchronize(Model);
        if (distributed is null)
        {
            snapshot.Save(path, state);
            return;
        }

        if (distributed.WritesCheckpoints)
        {
            snapshot.Save(distributed.CheckpointPath(path), state);
        }

        distributed.Barrier();
    }

    /// <summary>The plan's steps restricted to the tasks this process trains.</summary>
    private IReadOnlyList<IReadOnlyList<string>> LocalPlan(IReadOnlyList<IReadOnlyList<string>> plan) =>
        options.Distributed?.LocalTasks is { } local ? [.. plan.Select(step => (IReadOnlyList<string>)[.. step.Where(local.Contains)])] : plan;

    private TrainingResult Result(List<EpochSummary> epochs, bool stoppedEarly, bool reachedMaxSteps) =>
        new(epochs, state.Epoch, state.GlobalStep, state.SkippedBatches, state.BestMetric, state.BestEpoch, stoppedEarly, reachedMaxSteps);
}
