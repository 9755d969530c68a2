using System.Diagnostics;
using MtlSharing.Training;
using static TorchSharp.torch;

namespace MtlSharing.Compare;

/// <summary>
/// Times training steps of a multi-task model as a user writes them (<see cref="TrainingRun"/>):
/// warm-up steps, then a run of timed steps on the side the options name.
/// </summary>
internal static class TrainingBenchmark
{
    public static ResultLine Run(Layout layout, BenchMode mode, CompareOptions options)
    {
        using var run = TrainingRun.Start(options.Side, layout, mode, options);
        var warmup = mode.WarmupSteps(options.Warmup);
        for (var i = 0; i < warmup; i++)
        {
            run.Step();
        }

        var clock = Stopwatch.StartNew();
        var last = 0.0;
        for (var i = 0; i < options.Steps; i++)
        {
            last = run.Step();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var line = new ResultLine(options, layout.Name, mode)
            .With("params", run.Parameters)
            .With("steps", options.Steps)
            .With("warmup", warmup)
            .With("images_per_second", (double)options.Steps * options.Tasks * options.Batch / seconds)
            .With("ms_per_step", 1000 * seconds / options.Steps)
            .With("final_loss", last);
        return mode.Bf16 ? line.With("cpu_supports_fast_bf16", Autocast.CpuSupportsFastBFloat16) : line;
    }

    /// <summary>The hand-written model of a layout, built from seed 0 in the run's memory format.</summary>
    public static HandWrittenResNet HandWritten(Layout layout, CompareOptions options)
    {
        manual_seed(0);
        return new HandWrittenResNet(ComparisonModel.TaskNames(options.Tasks), options.Classes, layout, options.Stem).InMemoryFormat(options.Format);
    }
}
