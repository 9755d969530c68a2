using MtlSharing.Backbones;
using MtlSharing.Distributed;
using MtlSharing.Plans;
using static TorchSharp.torch;

namespace MtlSharing.DistributedBench;

/// <summary>
/// One run of the benchmark: the layouts to time, the placement of the tasks over the ranks, and
/// the training setting (tasks, batch per task per rank, threads, steps, precision). Every rank
/// parses the same command line, so every rank holds the same options.
/// </summary>
internal sealed record BenchOptions(
    IReadOnlyList<Layout> Layouts,
    PlacementKind Placement,
    int Tasks,
    int Batch,
    int Classes,
    int Threads,
    int Warmup,
    int Steps,
    ScalarType? Autocast)
{
    /// <summary>The side of the random square images.</summary>
    public const int ImageSize = 32;

    /// <summary>The tasks' names, task0 … task{T−1}.</summary>
    public IReadOnlyList<string> TaskNames => [.. Enumerable.Range(0, Tasks).Select(i => $"task{i}")];

    /// <summary>The precision as result lines name it.</summary>
    public string Precision => Autocast is null ? "fp32" : "bf16";

    /// <summary>The placement of the tasks on a world of <paramref name="worldSize"/> ranks.</summary>
    /// <exception cref="ArgumentException">The tasks cannot be spread evenly over the ranks.</exception>
    public TaskPlacement PlacementOn(int worldSize) =>
        Placement == PlacementKind.Spread ? TaskPlacement.Spread(TaskNames, worldSize) : TaskPlacement.Everywhere(TaskNames, worldSize);

    /// <summary>Checks the values that need no world and reads the layouts.</summary>
    /// <exception cref="ArgumentException">A value is out of range or a layout is unknown; the message says what is valid.</exception>
    public static BenchOptions Create(string layouts, string placement, int tasks, int batch, int classes, int threads, int warmup, int steps, string precision)
    {
        Require(tasks >= 1, $"--tasks must be at least 1; got {tasks}");
        Require(batch >= 1, $"--batch must be at least 1; got {batch}");
        Require(classes >= 2, $"--classes must be at least 2; got {classes}");
        Require(threads >= 1, $"--threads must be at least 1; got {threads}");
        Require(warmup >= 1, $"--warmup must be at least 1 (the timed window starts at the end of the last warm-up step); got {warmup}");
        Require(steps >= 1, $"--steps must be at least 1; got {steps}");
        var names = layouts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Require(names.Length > 0, "--layout needs at least one layout, e.g. shared,bottom:3,top:3,independent");
        var blocks = BlockCount();
        var parsed = names.Select(name => Layout.TryParse(name, out var layout) && layout.Blocks <= blocks
            ? layout
            : throw new ArgumentException($"unknown layout '{name}'; valid layouts are shared, independent, norm-only, bottom:k and top:k with k = 0..{blocks} (ResNet-18's blocks: 0 is the stem, 1-8 are layer1.0 ... layer4.1)")).ToList();
        var kind = placement switch
        {
            "everywhere" => PlacementKind.Everywhere,
            "spread" => PlacementKind.Spread,
            _ => throw new ArgumentException($"--placement must be everywhere or spread; got '{placement}'"),
        };
        ScalarType? autocast = precision switch
        {
            "fp32" => null,
            "bf16" => ScalarType.BFloat16,
            _ => throw new ArgumentException($"--autocast must be fp32 or bf16; got '{precision}'"),
        };
        return new BenchOptions(parsed, kind, tasks, batch, classes, threads, warmup, steps, autocast);
    }

    private static int BlockCount()
    {
        using var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        return backbone.Blocks.Count;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
