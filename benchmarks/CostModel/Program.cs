using MtlSharing.CostModel;
using MtlSharing.Plans;
using TorchSharp;

// Prints the tables of docs/distributed-cost-model.md: exact parameter counts of ResNet-18 layouts
// from the library, and from them the bytes, communication time, step time and scaling efficiency
// of data-parallel and task-sharded training under the ring all-reduce model. Nothing is trained or
// timed here; compute times come from MeasuredCompute.
//   dotnet run -c Release --project benchmarks/CostModel
torch.set_num_threads(1);

int[] taskCounts = [4, 16];
int[] machineCounts = [2, 4, 8, 16, 32, 64];
Network[] networks = [.. new[] { 10.0, 25, 100 }.Select(gbps => new Network(gbps, Network.DatacentreLatency))];
// The time tables show layouts whose task-specific blocks are whole stages: bottom:3, 5, 7 own the stem
// and layer1, layer1–2, layer1–3; top:2, 4 own layer4, layer3–4. bottom:1 (the stem alone) is left out
// because it is within 0.3% of shared in bytes, top:6 and top:8 because they are within 1.3% of
// independent with data parallelism and share at most 0.6 MB with task sharding.
Layout[] timedLayouts = [.. new[] { "shared", "bottom:3", "bottom:5", "bottom:7", "top:2", "top:4", "independent" }.Select(Layout.Parse)];

var counts = taskCounts.ToDictionary(t => t, LayoutCounts.EveryLayout);
var tables = new MarkdownTables(counts, machineCounts);

Console.WriteLine(tables.Parameters());
Console.WriteLine(tables.BytesPerStep());
Console.WriteLine(tables.ParametersHeld());
Console.WriteLine(tables.Summary(timedLayouts, networks[0], [(4, 4), (4, 64), (16, 16), (16, 64)]));
foreach (var tasks in taskCounts)
{
    Console.WriteLine(tables.Communication(tasks, timedLayouts, networks));
    foreach (var network in networks)
    {
        Console.WriteLine(tables.StepTimes(tasks, timedLayouts, network));
    }
}
