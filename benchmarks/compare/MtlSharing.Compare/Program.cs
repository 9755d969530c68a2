using MtlSharing.Compare;
using static MtlSharing.Torch.torch;

// The MtlSharing side of benchmarks/compare/compare.sh: the same model, layouts, batches and
// modes as pytorch_side.py, printing one JSON line per layout and mode with the same keys.
// --help-modes prints the modes this side offers, comma-separated (compare.sh --all runs them).
if (args is ["--help-modes"])
{
    Console.WriteLine(string.Join(",", BenchMode.All.Select(m => m.Name)));
    return 0;
}

CompareOptions options;
IReadOnlyList<Layout> layouts;
try
{
    options = CompareOptions.Parse(args);
    var blocks = ComparisonModel.BlockCount();
    layouts = options.Layouts.Select(l => Layout.Parse(l, blocks)).ToList();
}
catch (UsageException e)
{
    Console.Error.WriteLine($"MtlSharing.Compare: {e.Message}");
    return 2;
}

set_num_threads(options.Threads);
foreach (var mode in options.Modes)
{
    if (mode == BenchMode.Peak)
    {
        Console.WriteLine(PeakBenchmark.Run(options));
        continue;
    }

    foreach (var layout in layouts)
    {
        var line = mode.Training ? TrainingBenchmark.Run(layout, mode, options)
            : mode == BenchMode.Inference ? InferenceBenchmark.Run(layout, options)
            : ParameterLine(layout, mode, options);
        Console.WriteLine(line);
    }
}

return 0;

static ResultLine ParameterLine(Layout layout, BenchMode mode, CompareOptions options)
{
    var (model, costs) = ComparisonModel.Build(layout, options, concatenateTaskBatches: true);
    using var owned = model;
    using var backbone = ComparisonModel.Backbone();
    return new ResultLine(options, layout.Name, mode)
        .With("params", ComparisonModel.ParameterCount(model))
        .With("forward_macs_per_image", costs.ForwardPerImage)
        .With("blocks", backbone.Blocks);
}
