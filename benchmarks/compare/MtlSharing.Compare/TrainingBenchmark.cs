using System.Diagnostics;
using MtlSharing.Routing;
using MtlSharing.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Times training steps of a multi-task model as a user writes them: the losses of all tasks
/// summed, one backward, one SGD step (lr 0.01, momentum 0.9). On the MtlSharing side, the loop
/// mode sends each task's batch through <c>forward(batch, task)</c> and the batched mode sends all
/// of them through the dict-of-batches forward with <c>ConcatenateTaskBatches</c> on; the
/// hand-written side (<see cref="HandWrittenResNet"/>) runs each task's batch through its branch.
/// Both sides share the step below, so only the model differs. The bf16 modes run the forward
/// pass and the loss under <see cref="Autocast.Enter"/> (bfloat16), the backward pass and the
/// step outside it, as PyTorch's recipe does.
/// </summary>
internal static class TrainingBenchmark
{
    public static ResultLine Run(Layout layout, BenchMode mode, CompareOptions options)
    {
        if (options.Side == Side.HandWritten)
        {
            using var handWritten = HandWritten(layout, options);
            var tasks = ComparisonModel.TaskNames(options.Tasks);
            return Measure(handWritten, tasks, data => SumOverTasks(tasks, task => handWritten.call(data.Inputs[task], task), data), layout, mode, options);
        }

        var (model, _) = ComparisonModel.Build(layout, options, concatenateTaskBatches: mode.ConcatenatesTasks);
        using var owned = model;
        return Measure(model, model.Tasks, data => SummedLoss(model, data, mode.ConcatenatesTasks), layout, mode, options);
    }

    /// <summary>The hand-written model of a layout, built from seed 0 in the run's memory format.</summary>
    public static HandWrittenResNet HandWritten(Layout layout, CompareOptions options)
    {
        manual_seed(0);
        return new HandWrittenResNet(ComparisonModel.TaskNames(options.Tasks), options.Classes, layout, options.Stem).InMemoryFormat(options.Format);
    }

    private static ResultLine Measure(nn.Module model, IReadOnlyList<string> tasks, Func<TaskBatches, Tensor> summedLoss, Layout layout, BenchMode mode, CompareOptions options)
    {
        model.train();
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var data = new TaskBatches(tasks, options);

        double Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss;
            using (mode.Bf16 ? Autocast.Enter(ScalarType.BFloat16) : null)
            {
                loss = summedLoss(data);
            }

            loss.backward();
            optimizer.step();
            return loss.ToSingle();
        }

        var warmup = mode.WarmupSteps(options.Warmup);
        for (var i = 0; i < warmup; i++)
        {
            Step();
        }

        var clock = Stopwatch.StartNew();
        var last = 0.0;
        for (var i = 0; i < options.Steps; i++)
        {
            last = Step();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var line = new ResultLine(options, layout.Name, mode)
            .With("params", ComparisonModel.ParameterCount(model))
            .With("steps", options.Steps)
            .With("warmup", warmup)
            .With("images_per_second", (double)options.Steps * options.Tasks * options.Batch / seconds)
            .With("ms_per_step", 1000 * seconds / options.Steps)
            .With("final_loss", last);
        return mode.Bf16 ? line.With("cpu_supports_fast_bf16", Autocast.CpuSupportsFastBFloat16) : line;
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
