using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Checkpoints;

/// <summary>
/// The trainer's own progress: where it is (epoch, step within the epoch, global step), the
/// running sums of the current epoch's losses, the skip count, and the best metric with its
/// patience counter. Because samplers and loaders are deterministic in (seed, epoch), this
/// position is all that is needed to continue with the very next batch.
/// </summary>
internal sealed class TrainerState
{
    private readonly Dictionary<string, double> lossSums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> lossCounts = new(StringComparer.Ordinal);

    /// <summary>The current epoch (zero-based).</summary>
    public int Epoch { get; private set; }

    /// <summary>The steps of the current epoch already taken.</summary>
    public int StepInEpoch { get; private set; }

    /// <summary>The steps taken since the start of training.</summary>
    public long GlobalStep { get; private set; }

    /// <summary>The steps skipped for non-finite losses.</summary>
    public long SkippedBatches { get; private set; }

    /// <summary>The best value of the kept metric so far.</summary>
    public double? BestMetric { get; private set; }

    /// <summary>The epoch that reached <see cref="BestMetric"/>.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The finished epochs in a row without improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Whether no step has been taken yet.</summary>
    public bool IsFresh => Epoch == 0 && StepInEpoch == 0 && GlobalStep == 0;

    /// <summary>Records a finished step.</summary>
    /// <param name="outcome">What it did.</param>
    public void CompleteStep(StepOutcome outcome)
    {
        foreach (var (task, loss) in outcome.Losses)
        {
            lossSums[task] = lossSums.GetValueOrDefault(task) + loss;
            lossCounts[task] = lossCounts.GetValueOrDefault(task) + 1;
        }

        SkippedBatches += outcome.Skipped ? 1 : 0;
        StepInEpoch++;
        GlobalStep++;
    }

    /// <summary>Each task's sum of losses and number of steps over the current epoch so far.</summary>
    /// <returns>The totals of the tasks that had a loss.</returns>
    public IReadOnlyDictionary<string, (double Sum, long Count)> LossTotals() =>
        lossSums.ToDictionary(s => s.Key, s => (s.Value, lossCounts[s.Key]), StringComparer.Ordinal);

    /// <summary>Each task's mean loss over the current epoch's steps so far.</summary>
    /// <returns>The means of the tasks that had a loss.</returns>
    public IReadOnlyDictionary<string, double> MeanLosses() =>
        lossSums.ToDictionary(s => s.Key, s => s.Value / lossCounts[s.Key], StringComparer.Ordinal);

    /// <summary>Records an epoch's value of the kept metric.</summary>
    /// <param name="value">The value.</param>
    /// <param name="higherIsBetter">Whether larger is better.</param>
    /// <returns>Whether it improved on the best so far (a NaN never does).</returns>
    public bool RecordMetric(double value, bool higherIsBetter)
    {
        var improved = !double.IsNaN(value) && (BestMetric is not { } best || (higherIsBetter ? value > best : value < best));
        if (improved)
        {
            (BestMetric, BestEpoch, EpochsWithoutImprovement) = (value, Epoch, 0);
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return improved;
    }

    /// <summary>Moves to the start of the next epoch.</summary>
    public void FinishEpoch()
    {
        Epoch++;
        StepInEpoch = 0;
        lossSums.Clear();
        lossCounts.Clear();
    }

    /// <summary>Adds the state's entries (new tensors) to a checkpoint.</summary>
    /// <param name="destination">The checkpoint being built.</param>
    public void WriteTo(Dictionary<string, Tensor> destination)
    {
        destination[CheckpointKeys.Epoch] = CheckpointValues.Long(Epoch);
        destination[CheckpointKeys.StepInEpoch] = CheckpointValues.Long(StepInEpoch);
        destination[CheckpointKeys.GlobalStep] = CheckpointValues.Long(GlobalStep);
        destination[CheckpointKeys.SkippedBatches] = CheckpointValues.Long(SkippedBatches);
        destination[CheckpointKeys.BestMetric] = CheckpointValues.Double(BestMetric ?? double.NaN);
        destination[CheckpointKeys.BestEpoch] = CheckpointValues.Long(BestEpoch ?? -1);
        destination[CheckpointKeys.EpochsWithoutImprovement] = CheckpointValues.Long(EpochsWithoutImprovement);
        foreach (var (task, sum) in lossSums)
        {
            destination[CheckpointKeys.LossSum + task] = CheckpointValues.Double(sum);
            destination[CheckpointKeys.LossCount + task] = CheckpointValues.Long(lossCounts[task]);
        }
    }

    /// <summary>Reads the state from a checkpoint, checking every entry.</summary>
    /// <param name="state">The checkpoint.</param>
    /// <param name="tasks">The model's tasks.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidDataException">An entry is missing, malformed, out of range or names an unknown task.</exception>
    public static TrainerState Read(IReadOnlyDictionary<string, Tensor> state, IReadOnlyList<string> tasks)
    {
        var result = new TrainerState
        {
            Epoch = (int)CheckpointValues.ReadLong(state, CheckpointKeys.Epoch, 0, int.MaxValue),
            StepInEpoch = (int)CheckpointValues.ReadLong(state, CheckpointKeys.StepInEpoch, 0, int.MaxValue),
            GlobalStep = CheckpointValues.ReadLong(state, CheckpointKeys.GlobalStep, 0, long.MaxValue),
            SkippedBatches = CheckpointValues.ReadLong(state, CheckpointKeys.SkippedBatches, 0, long.MaxValue),
            EpochsWithoutImprovement = (int)CheckpointValues.ReadLong(state, CheckpointKeys.EpochsWithoutImprovement, 0, int.MaxValue),
        };
        var best = CheckpointValues.ReadDouble(state, CheckpointKeys.BestMetric);
        var bestEpoch = CheckpointValues.ReadLong(state, CheckpointKeys.BestEpoch, -1, int.MaxValue);
        if (double.IsNaN(best) != (bestEpoch == -1))
        {
            throw new InvalidDataException($"entries '{CheckpointKeys.BestMetric}' ({best}) and '{CheckpointKeys.BestEpoch}' ({bestEpoch}) disagree on whether a best epoch exists");
        }

        (result.BestMetric, result.BestEpoch) = double.IsNaN(best) ? ((double?)null, (int?)null) : (best, (int)bestEpoch);
        foreach (var key in state.Keys.Where(k => k.StartsWith(CheckpointKeys.LossSum, StringComparison.Ordinal)))
        {
            var task = key[CheckpointKeys.LossSum.Length..];
            if (!tasks.Contains(task))
            {
                throw new InvalidDataException($"entry '{key}' is for task '{task}', which the model does not have; its tasks are {string.Join(", ", tasks)}");
            }

            result.lossSums[task] = CheckpointValues.ReadDouble(state, key);
            result.lossCounts[task] = CheckpointValues.ReadLong(state, CheckpointKeys.LossCount + task, 1, long.MaxValue);
        }

        return result;
    }
}
