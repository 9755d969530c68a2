using MtlSharing.Routing;
using TorchSharp.Modules;
using MtlSharing.Training.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training;

/// <summary>
/// One optimizer step: load the step's batches, forward them in training mode, take each task's
/// cross-entropy (labels of -100 ignored), check the losses are finite, let the weighting write the
/// gradients, clip them, and update. Every temporary lives in one dispose scope. With
/// <see cref="TrainerOptions.Autocast"/>, the forward pass and the losses run under autocast and
/// everything from the backward pass on runs outside it.
/// </summary>
internal sealed class StepRunner(MultiTaskModel model, LossWeighting weighting, optim.Optimizer optimizer, IReadOnlyList<Parameter> trained, TrainerOptions options)
{
    /// <summary>Runs a step.</summary>
    /// <param name="batches">The epoch's batches.</param>
    /// <param name="tasks">The step's tasks.</param>
    /// <param name="epoch">The epoch, for error messages.</param>
    /// <param name="step">The step within the epoch, for error messages.</param>
    /// <param name="globalStep">The global step, for error messages.</param>
    /// <returns>What the step did.</returns>
    /// <exception cref="NonFiniteLossException">A loss was not finite and the policy is to throw.</exception>
    public StepOutcome Run(IEpochBatches batches, IReadOnlyList<string> tasks, int epoch, int step, long globalStep)
    {
        using var scope = NewDisposeScope();
        var distributed = options.Distributed;
        IReadOnlyList<string> mine = distributed?.LocalTasks is { } local ? [.. tasks.Where(local.Contains)] : tasks;
        var batch = batches.Next(mine);
        model.train();
        ClearGradients();
        // The forward pass updates buffers such as BatchNorm running statistics, shared ones too;
        // a non-finite loss puts them back under every policy, so no task is poisoned.
        var buffers = SnapshotBuffers();
        var (losses, values, nonFinite) = mine.Count == 0 ? ([], [], null) : Losses(batch, mine);
        if (distributed?.AnyNonFinite(nonFinite is not null) ?? nonFinite is not null)
        {
            RestoreBuffers(buffers);
            var (task, value) = nonFinite ?? ("(a task of another process)", double.NaN);
            return options.NonFiniteLoss == NonFiniteLossPolicy.SkipBatch
                ? StepOutcome.Skip(task, value)
                : throw new NonFiniteLossException(task, epoch, step, globalStep, value);
        }

        if (losses.Count == 0 && distributed is null)
        {
            return StepOutcome.Unlabelled;
        }

        if (losses.Count > 0)
        {
            weighting.Backward(losses);
        }

        // Other processes may have trained the shared layers even when this one had nothing to learn.
        distributed?.ReduceGradients(trained);
        if (options.GradientClipNorm is { } maxNorm)
        {
            nn.utils.clip_grad_norm_(trained, maxNorm);
        }

        optimizer.step();
        distributed?.AfterStep(model);
        return losses.Count == 0 ? StepOutcome.Unlabelled : new StepOutcome(values, weighting.LastWeights.ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal));
    }

    /// <summary>Forwards the batch and takes each task's loss, stopping at the first that is not finite.</summary>
    private (Dictionary<string, Tensor> Losses, Dictionary<string, double> Values, (string Task, double Value)? NonFinite) Losses(StepBatch batch, IReadOnlyList<string> tasks)
    {
        var losses = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        using (options.Autocast is { } lowPrecision ? Autocast.Enter(lowPrecision) : null)
        {
            var outputs = model.forward(batch.Inputs);
            foreach (var task in tasks)
            {
                var labels = batch.Labels[task];
                if (!labels.ne(LabelScan.Missing).any().ToBoolean())
                {
                    continue;
                }

                // Under autocast, libtorch computes cross-entropy in float32 whatever the logits' type.
                var loss = nn.functional.cross_entropy(outputs[task], labels, ignore_index: LabelScan.Missing);
                var value = loss.ToDouble();
                if (!double.IsFinite(value))
                {
                    return (losses, values, (task, value));
                }

                losses[task] = loss;
                values[task] = value;
            }
        }

        return (losses, values, null);
    }

    /// <summary>
    /// Sets every optimized parameter's gradient to none, as PyTorch's <c>zero_grad()</c> does by
    /// default. TorchSharp's optimizers only zero the gradients, and then Adam, momentum and weight
    /// decay keep moving the copies of tasks that are not in this step; with none they are left alone.
    /// </summary>
    private void ClearGradients()
    {
        foreach (var parameter in optimizer.parameters())
        {
            parameter.grad = null;
        }
    }

    private List<(Tensor Live, Tensor Saved)> SnapshotBuffers()
    {
        using var noGrad = no_grad();
        return model.buffers().Select(b => (b, b.clone())).ToList();
    }

    private static void RestoreBuffers(List<(Tensor Live, Tensor Saved)> buffers)
    {
        using var noGrad = no_grad();
        foreach (var (live, saved) in buffers)
        {
            live.copy_(saved);
        }
    }
}
