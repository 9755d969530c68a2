using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Times inference (evaluation mode, no gradients) of every task on one shared input through
/// <c>MultiTaskModel.forward_all</c>, against one single-task network: the same backbone with one
/// head. The two are timed interleaved, step by step, so drift affects both alike.
/// </summary>
internal static class InferenceBenchmark
{
    public static ResultLine Run(Layout layout, CompareOptions options)
    {
        var (model, costs) = ComparisonModel.Build(layout, options, concatenateTaskBatches: true);
        using var owned = model;
        using var single = ComparisonModel.SingleTaskNetwork(options);
        model.eval();
        single.eval();
        manual_seed(0);
        using var input = ComparisonModel.Images(options);
        using var noGrad = no_grad();
        var all = new Stopwatch();
        var one = new Stopwatch();

        void Step()
        {
            using var scope = NewDisposeScope();
            all.Start();
            model.forward_all(input);
            all.Stop();
            one.Start();
            single.call(input);
            one.Stop();
        }

        for (var i = 0; i < options.Warmup; i++)
        {
            Step();
        }

        all.Reset();
        one.Reset();
        for (var i = 0; i < options.Steps; i++)
        {
            Step();
        }

        return new ResultLine(options, layout.Name, BenchMode.Inference)
            .With("params", ComparisonModel.ParameterCount(model))
            .With("steps", options.Steps)
            .With("warmup", options.Warmup)
            .With("fans_out", model.FansOut)
            .With("images_per_second", (double)options.Batch * options.Steps / all.Elapsed.TotalSeconds)
            .With("ms_all_tasks", all.Elapsed.TotalMilliseconds / options.Steps)
            .With("ms_single_model", one.Elapsed.TotalMilliseconds / options.Steps)
            .With("all_over_single", all.Elapsed.TotalSeconds / one.Elapsed.TotalSeconds)
            .With("macs_all_over_single", costs.AllTasksOverSingle(layout, options.Tasks));
    }
}
