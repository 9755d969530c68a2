using System.Text.Json;
using MtlSharing.Plans;
using static TorchSharp.torch;

namespace MtlSharing.DistributedBench;

/// <summary>
/// One JSON line per layout, printed by rank 0: the configuration (ranks, threads, placement,
/// layout, setting) and what the ranks measured together. The job's step time is the slowest
/// rank's; images per second count every rank's images (ranks × tasks a rank trains × batch per
/// step); the communication share is each rank's seconds in collectives over its step time,
/// averaged over the ranks. Per-rank values are arrays indexed by rank.
/// </summary>
internal sealed class ResultLine
{
    private readonly Dictionary<string, object> fields = new(StringComparer.Ordinal);

    private ResultLine()
    {
    }

    public static ResultLine From(BenchOptions options, Layout layout, long parameters, IReadOnlyList<RankTiming> ranks)
    {
        var stepSeconds = ranks.Max(r => r.Seconds / r.Steps);
        var imagesPerStep = ranks.Sum(r => r.TasksTrained) * options.Batch;
        var line = new ResultLine();
        line.fields["ranks"] = ranks.Count;
        line.fields["threads"] = get_num_threads();
        line.fields["placement"] = options.Placement.ToString().ToLowerInvariant();
        line.fields["layout"] = layout.ToString();
        line.fields["tasks"] = options.Tasks;
        line.fields["batch"] = options.Batch;
        line.fields["image_size"] = BenchOptions.ImageSize;
        line.fields["autocast"] = options.Precision;
        line.fields["warmup"] = options.Warmup;
        line.fields["steps"] = options.Steps;
        line.fields["params"] = parameters;
        line.fields["images_per_step"] = imagesPerStep;
        line.fields["images_per_second"] = Math.Round(imagesPerStep / stepSeconds, 3);
        line.fields["ms_per_step"] = Math.Round(stepSeconds * 1000, 3);
        line.fields["communication_share"] = Math.Round(ranks.Average(r => r.CommunicationShare), 5);
        line.fields["communication_share_per_rank"] = ranks.Select(r => Math.Round(r.CommunicationShare, 5)).ToArray();
        line.fields["bytes_allreduced_per_step"] = ranks.Select(r => Math.Round(r.BytesPerStep)).ToArray();
        line.fields["parameters_held"] = ranks.Select(r => r.ParametersHeld).ToArray();
        line.fields["tasks_per_rank"] = ranks.Select(r => r.TasksTrained).ToArray();
        return line;
    }

    public override string ToString() => JsonSerializer.Serialize(fields);
}
