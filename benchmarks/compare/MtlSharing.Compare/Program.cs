using MtlSharing.Compare;
using TorchSharp;
using static TorchSharp.torch;

// The .NET sides of benchmarks/compare/compare.sh: the same model, layouts, batches and modes as
// pytorch_side.py (--stem and --image-size pick the network), printing one JSON line per layout and
// mode with the same keys. --side mtlsharing (the default) measures MtlSharing's model;
// --side hand-written the same network written by hand in TorchSharp (HandWrittenResNet);
// --side paired both in one process, single steps alternating (PairedBenchmark, overhead.sh).
// --help-modes [SIDE] prints the modes a side offers, comma-separated (compare.sh --all runs them).
if (args is ["--help-modes", ..] && args.Length <= 2)
{
    try
    {
        var side = args.Length == 2 ? Side.Parse(args[1]) : Side.MtlSharing;
        Console.WriteLine(string.Join(",", side.Modes.Select(m => m.Name)));
        return 0;
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"MtlSharing.Compare: {e.Message}");
        return 2;
    }
}

// --overhead-table RESULTS.jsonl [--command TEXT] prints the Markdown table of the paired side's
// lines (overhead.sh writes it to results.md).
if (args is ["--overhead-table", ..])
{
    try
    {
        var (path, command) = args switch
        {
            [_, var file] => (file, null),
            [_, var file, "--command", var text] => (file, text),
            _ => throw new UsageException("usage: MtlSharing.Compare --overhead-table RESULTS.jsonl [--command TEXT]"),
        };
        Console.Write(OverheadTable.Markdown(File.ReadLines(path), command));
        return 0;
    }
    catch (UsageException e)
    {
        Console.Error.WriteLine($"MtlSharing.Compare: {e.Message}");
        return 2;
    }
}

CompareOptions options;
IReadOnlyList<Layout> layouts;
try
{
    options = CompareOptions.Parse(args);
    var blocks = ComparisonModel.BlockCount(options);
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
        if (options.Side == Side.Paired)
        {
            Console.Error.WriteLine($"== {layout.Name}, {mode.Name}: {options.Pairs} pairs of steps in ABBA order after {mode.WarmupSteps(options.Warmup)} warm-up steps each");
        }

        var line = options.Side == Side.Paired ? PairedBenchmark.Run(layout, mode, options)
            : mode.Training ? TrainingBenchmark.Run(layout, mode, options)
            : mode == BenchMode.Inference ? InferenceBenchmark.Run(layout, options)
            : ParameterLine(layout, mode, options);
        Console.WriteLine(line);
    }
}

return 0;

static ResultLine ParameterLine(Layout layout, BenchMode mode, CompareOptions options)
{
    if (options.Side == Side.HandWritten)
    {
        using var handWritten = TrainingBenchmark.HandWritten(layout, options);
        return new ResultLine(options, layout.Name, mode)
            .With("params", ComparisonModel.ParameterCount(handWritten))
            .With("blocks", handWritten.BlockPaths);
    }

    var (model, costs) = ComparisonModel.Build(layout, options, concatenateTaskBatches: true);
    using var owned = model;
    using var backbone = ComparisonModel.Backbone(options);
    return new ResultLine(options, layout.Name, mode)
        .With("params", ComparisonModel.ParameterCount(model))
        .With("forward_macs_per_image", costs.ForwardPerImage)
        .With("blocks", backbone.Blocks);
}
