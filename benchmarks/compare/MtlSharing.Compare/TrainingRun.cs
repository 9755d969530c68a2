using MtlSharing.Routing;
using MtlSharing.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// One side's training of a layout in a mode, ready to step: the model in training mode, its SGD
/// optimizer (lr 0.01, momentum 0.9) and the task batches. A step is what a user writes: the losses
/// of all tasks summed, one backward, one SGD step. On the MtlSharing side, the loop modes send
/// each task's batch through <c>forward(batch, task)</c> and the batched modes send all of them
/// through the dict-of-batches forward with <c>ConcatenateTaskBatches</c> on; the hand-written side
/// (<see cref="HandWrittenResNet"/>) runs each task's batch through its branch. Both sides take the
/// same <see cref="Step"/>, so only the model differs. The bf16 modes run the forward pass and the
/// loss under <see cref="Autocast.Enter"/> (bfloat16), the backward pass and the step outside it,
/// as PyTorch's recipe does. <see cref="TrainingBenchmark"/> times runs of steps, and
/// <see cref="PairedBenchmark"/> times single steps of both sides alternately.
/// </summary>
internal sealed class TrainingRun : IDisposable
{
    private readonly nn.Module model;
    private readonly TorchSharp.Modules.SGD optimizer;
    private readonly TaskBatches data;
    private readonly Func<TaskBatches, Tensor> summedLoss;
    private readonly bool bf16;

    private TrainingRun(nn.Module model, IReadOnlyList<string> tasks, Func<TaskBatches, Tensor> summedLoss, BenchMode mode, CompareOptions options)
    {
        this.model = model;
        this.summedLoss = summedLoss;
        bf16 = mode.Bf16;
        model.train();
        optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        data = new TaskBatches(tasks, options);
    }

    /// <summary>The model's parameters, each counted once.</summary>
    public long Parameters => ComparisonModel.ParameterCount(model);

    /// <summary>The training of a layout in a mode on the MtlSharing side or the hand-written side.</summary>
    public static TrainingRun Start(Side side, Layout layout, BenchMode mode, CompareOptions options)
    {
        if (side == Side.HandWritten)
        {
            var handWritten = TrainingBenchmark.HandWritten(layout, options);
            var tasks = ComparisonModel.TaskNames(options.Tasks);
            return new TrainingRun(handWritten, tasks, data => SumOverTasks(tasks, task => handWritten.call(data.Inputs[task], task), data), mode, options);
        }

        var (model, _) = ComparisonModel.Build(layout, options, concatenateTaskBatches: mode.ConcatenatesTasks);
        return new TrainingRun(model, model.Tasks, data => SummedLoss(model, data, mode.ConcatenatesTasks), mode, options);
    }

    /// <summary>One training step; returns its loss (reading it waits for the step to finish).</summary>
    public double Step()
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        Tensor loss;
        using (bf16 ? Autocast.Enter(ScalarType.BFloat16) : null)
        {
            loss = summedLoss(data);
        }

        loss.backward();
        optimizer.step();
        return loss.ToSingle();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        data.Dispose();
        model.Dispose();
    }

    private static Tensor SummedLoss(MultiTaskModel model, TaskBatches data, bool batched)
    {
        if (!batched)
        {
            return SumOverTasks(model.Tasks, task => model.forward(data.Inputs[task], task), data);
        }

        var outputs = model.forward(data.Inputs);
        return SumOverTasks(model.Tasks, task => outputs[task], data);
    }

    private static Tensor SumOverTasks(IEnumerable<string> tasks, Func<string, Tensor> logits, TaskBatches data)
    {
        Tensor? total = null;
        foreach (var task in tasks)
        {
            var loss = nn.functional.cross_entropy(logits(task), data.Labels[task]);
            total = total is null ? loss : total + loss;
        }

        return total!;
    }
}
