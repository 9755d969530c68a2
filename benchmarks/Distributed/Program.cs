using System.CommandLine;
using MtlSharing.Distributed;
using MtlSharing.DistributedBench;
using static TorchSharp.torch;

// Training speed of a multi-task ResNet-18 on 1 or more ranks (issue 15): run alone, or on every
// rank with mpirun -np N; rank 0 prints one JSON line per layout. benchmarks/distributed.sh runs the
// configurations and prints the table ("table" below).
var layouts = new Option<string>("--layout") { Description = "comma-separated layouts: shared, independent, norm-only, bottom:k, top:k", DefaultValueFactory = _ => "shared,bottom:3,top:3,independent" };
var placement = new Option<string>("--placement") { Description = "everywhere (every rank trains every task on its shard of the data) or spread (the tasks divided among the ranks)", DefaultValueFactory = _ => "everywhere" };
var tasks = new Option<int>("--tasks") { Description = "tasks", DefaultValueFactory = _ => 4 };
var batch = new Option<int>("--batch") { Description = "images per task per rank in a step", DefaultValueFactory = _ => 32 };
var classes = new Option<int>("--classes") { Description = "classes per task", DefaultValueFactory = _ => 10 };
var threads = new Option<int>("--threads") { Description = "libtorch threads per rank", DefaultValueFactory = _ => 1 };
var warmup = new Option<int>("--warmup") { Description = "untimed steps first (at least 1)", DefaultValueFactory = _ => 3 };
var steps = new Option<int>("--steps") { Description = "timed steps", DefaultValueFactory = _ => 20 };
var autocast = new Option<string>("--autocast") { Description = "fp32, or bf16 (forward and losses under bfloat16 autocast)", DefaultValueFactory = _ => "fp32" };

var results = new Argument<string>("results") { Description = "the result lines (JSONL) of the runs" };
var command = new Option<string?>("--command") { Description = "the command that produced them, quoted above the tables" };
var table = new Command("table", "prints the Markdown tables of result lines: images/s, communication share and scaling efficiency per layout") { results, command };
table.SetAction(parsed =>
{
    try
    {
        Console.Write(ScalingTable.Markdown(File.ReadLines(parsed.GetValue(results)!), parsed.GetValue(command)));
        return 0;
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
});

var root = new RootCommand("Times distributed multi-task training of ResNet-18 (small stem, 32×32 random images) on this process's world: alone, or every rank of mpirun -np N.")
{
    layouts, placement, tasks, batch, classes, threads, warmup, steps, autocast, table,
};
root.SetAction(parsed =>
{
    BenchOptions options;
    try
    {
        options = BenchOptions.Create(parsed.GetValue(layouts)!, parsed.GetValue(placement)!, parsed.GetValue(tasks), parsed.GetValue(batch), parsed.GetValue(classes),
            parsed.GetValue(threads), parsed.GetValue(warmup), parsed.GetValue(steps), parsed.GetValue(autocast)!);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }

    set_num_threads(options.Threads);
    using var world = DistributedWorld.Start();
    TaskPlacement taskPlacement;
    try
    {
        // The same on every rank, so every rank refuses alike and none waits in a collective.
        taskPlacement = options.PlacementOn(world.Size);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"error: rank {world.Rank}: {e.Message}");
        return 2;
    }

    foreach (var layout in options.Layouts)
    {
        if (world.Rank == 0)
        {
            Console.Error.WriteLine($"== {layout} on {world.Size} rank(s) x {options.Threads} thread(s), {options.Placement.ToString().ToLowerInvariant()}: {options.Warmup} warm-up and {options.Steps} timed steps");
        }

        var line = LayoutBenchmark.Run(world, taskPlacement, layout, options);
        if (world.Rank == 0)
        {
            Console.WriteLine(line);
        }
    }

    return 0;
});

return root.Parse(args).Invoke();
