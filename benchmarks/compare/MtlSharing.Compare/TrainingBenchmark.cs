using System.Diagnostics;
using MtlSharing.Routing;
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Times training steps of the multi-task model as a user writes them: the losses of all tasks
/// summed, one backward, one SGD step (lr 0.01, momentum 0.9). In the loop mode each task's batch
/// goes through <c>forward(batch, task)</c>; in the batched mode all go through the dict-of-batches
/// forward with <c>ConcatenateTaskBatches</c> on. The bf16 modes run the forward pass and the loss
/// under <c>torch.autocast(ScalarType.BFloat16)</c>, the backward pass and the step outside it, as
/// PyTorch's recipe does.
/// </summary>
internal static class TrainingBenchmark
{
    public static ResultLine Run(Layout layout, BenchMode mode, CompareOptions options)
    {
        var (model, _) = ComparisonModel.Build(layout, options, concatenateTaskBatches: mode.ConcatenatesTasks);
        using var owned = model;
        model.train();
        using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        using var data = new TaskBatches(model.Tasks, options);

        double Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss;
            using (mode.Bf16 ? autocast(ScalarType.BFloat16) : null)
            {
                loss = SummedLoss(model, data, mode.ConcatenatesTasks);
            }

            loss.backward();
            optimizer.step();
            return loss.item<float>();
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
        return mode.Bf16 ? line.With("cpu_supports_fast_bf16", cpu_supports_fast_bf16()) : line;
    }

    private static Tensor SummedLoss(MultiTaskModel model, TaskBatches data, bool batched)
    {
        var outputs = batched
            ? model.forward(data.Inputs)
            : data.Inputs.ToDictionary(b => b.Key, b => model.forward(b.Value, b.Key), StringComparer.Ordinal);
        Tensor? total = null;
        foreach (var (task, output) in outputs)
        {
            var loss = nn.functional.cross_entropy(output, data.Labels[task]);
            total = total is null ? loss : total + loss;
        }

        return total!;
    }
}
