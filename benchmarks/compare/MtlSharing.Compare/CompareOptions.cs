using System.Globalization;
using MtlSharing.Backbones;
using TorchSharp;

namespace MtlSharing.Compare;

/// <summary>
/// The command line, with the same options and defaults as pytorch_side.py, plus which .NET side
/// runs (<c>--side</c>; the paired side times <c>--pairs</c> pairs of single steps instead of
/// <c>--steps</c>) and the memory format of both .NET sides' models and inputs. The network is
/// ResNet-18 with the small-image stem at 32×32 unless <c>--stem standard</c> and
/// <c>--image-size</c> ask for torchvision's own stem or larger images.
/// </summary>
internal sealed record CompareOptions(
    IReadOnlyList<string> Layouts,
    IReadOnlyList<BenchMode> Modes,
    int Tasks,
    int Batch,
    int Classes,
    int Steps,
    int Warmup,
    int Threads,
    memory_format Format,
    Side Side,
    Stem Stem,
    int ImageSize,
    int Pairs)
{
    /// <summary>
    /// The smallest image side: with the standard stem, ResNet-18 halves the image five times (conv1,
    /// max-pool, layer2, layer3 and layer4), so at 32 layer4 works on a 1×1 map, and below it the
    /// stride-2 convolutions would run on padding rather than pixels. pytorch_side.py has the same
    /// minimum, and so does the small stem, which keeps one rule for both.
    /// </summary>
    public const int MinImageSize = 32;

    public const string Usage =
        "MtlSharing.Compare [--side mtlsharing|hand-written|paired] [--layout bottom:k,top:k,shared,independent] [--modes params,loop,batched,bf16-loop,bf16-batched,inference,peak] " +
        "[--tasks 4] [--batch 32] [--classes 10] [--steps 10] [--warmup 3] [--threads N] [--memory-format contiguous|channels-last] [--stem small|standard] [--image-size 32] [--pairs 20 (paired only, instead of --steps)]";

    private static readonly string[] Known = ["--side", "--layout", "--modes", "--tasks", "--batch", "--classes", "--steps", "--warmup", "--threads", "--memory-format", "--stem", "--image-size", "--pairs"];

    public static CompareOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Known.Contains(args[i]))
            {
                throw new UsageException($"unknown option '{args[i]}'; usage: {Usage}");
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"option {args[i]} needs a value; usage: {Usage}");
            }

            values[args[i]] = args[i + 1];
        }

        string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);
        int Number(string name, int fallback, int minimum, string why = "")
        {
            var text = Text(name, fallback.ToString(CultureInfo.InvariantCulture));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
                ? value
                : throw new UsageException($"{name} must be an integer of at least {minimum}{why}; got '{text}'");
        }

        var layouts = List(Text("--layout", "shared"));
        var modes = List(Text("--modes", "loop")).Select(BenchMode.Parse).ToList();
        if (layouts.Count == 0 || modes.Count == 0)
        {
            throw new UsageException($"--layout and --modes need at least one entry; usage: {Usage}");
        }

        var side = Side.Parse(Text("--side", Side.MtlSharing.Name));
        foreach (var mode in modes)
        {
            side.Check(mode);
        }

        if (side == Side.Paired ? values.ContainsKey("--steps") : values.ContainsKey("--pairs"))
        {
            throw new UsageException(side == Side.Paired
                ? "the paired side times --pairs pairs of single steps, not --steps"
                : "--pairs is an option of --side paired; the other sides time --steps");
        }

        return new CompareOptions(
            layouts,
            modes,
            Number("--tasks", 4, 1),
            Number("--batch", 32, 1),
            Number("--classes", 10, 1),
            Number("--steps", 10, 1),
            Number("--warmup", 3, 0),
            Number("--threads", Environment.ProcessorCount, 1),
            Text("--memory-format", "contiguous") switch
            {
                "contiguous" => memory_format.contiguous_format,
                "channels-last" => memory_format.channels_last,
                var other => throw new UsageException($"--memory-format must be contiguous or channels-last; got '{other}'"),
            },
            side,
            StemNames.Parse(Text("--stem", StemNames.Small)),
            Number("--image-size", 32, MinImageSize, $" (ResNet-18 with the standard stem halves it five times, to 1x1 at {MinImageSize})"),
            Number("--pairs", 20, 1));
    }

    private static List<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
