using System.Globalization;
using System.Text;
using MtlSharing.Plans;

namespace MtlSharing.CostModel;

/// <summary>The Markdown tables of the cost model, each with a bold caption line.</summary>
/// <param name="counts">Each T's layout counts, in the same layout order.</param>
/// <param name="machines">The values of N.</param>
internal sealed class MarkdownTables(IReadOnlyDictionary<int, IReadOnlyList<LayoutCounts>> counts, IReadOnlyList<int> machines)
{
    private static readonly Placement[] Placements = [Placement.DataParallel, Placement.TaskSharded];

    // The values of T, smallest first.
    private IReadOnlyList<int> TaskCounts => [.. counts.Keys.Order()];

    /// <summary>Shared and per-task parameters of every layout, and the model's total for each T.</summary>
    /// <returns>The table.</returns>
    public string Parameters() => Table(
        "**Parameters of ResNet-18 (small-image stem) with a Linear(512, 10) head per task** (exact, from `SharingPlan.Describe`)",
        ["layout", "task-specific blocks", "shared", "per task (head included)", .. TaskCounts.Select(t => $"model, T = {t}")],
        counts[TaskCounts[0]].Select((row, i) => (IEnumerable<string>)
        [
            Name(row.Layout), row.OwnBlocks, Count(row.Shared), Count(row.PerTask),
            .. TaskCounts.Select(t => Count(counts[t][i].Shared + t * counts[t][i].PerTask)),
        ]));

    /// <summary>The FP32 gradient bytes one rank all-reduces per step, by placement.</summary>
    /// <returns>The table.</returns>
    public string BytesPerStep() => Table(
        "**Bytes each rank all-reduces per step** (FP32 gradients; data-parallel: over all N ranks; task-sharded: 4 × shared over all N ranks, plus, when N > T, 4 × per task among the N/T ranks of its task)",
        ["layout", .. TaskCounts.Select(t => $"data-parallel, T = {t}"), "task-sharded, T ≥ N", "task-sharded, N > T"],
        counts[TaskCounts[0]].Select(row => (IEnumerable<string>)
        [
            Name(row.Layout),
            .. TaskCounts.Select(t => Bytes(RankLoad.For(Placement.DataParallel, row, t, machines[0]).Bytes)),
            ShardedBytes(RankLoad.For(Placement.TaskSharded, row, TaskCounts[0], TaskCounts[0])),
            ShardedBytes(RankLoad.For(Placement.TaskSharded, row, TaskCounts[0], 2 * TaskCounts[0])),
        ]));

    /// <summary>The parameters one rank holds: all of them with data parallelism, the shared ones and its tasks' own with task sharding.</summary>
    /// <returns>The table.</returns>
    public string ParametersHeld()
    {
        var columns = TaskCounts.SelectMany(t => machines.GroupBy(n => Math.Max(t / n, 1)).Select(g => (Tasks: t, TasksPerRank: g.Key, Machines: g.ToList()))).ToList();
        return Table(
            "**Parameters each rank holds** (data-parallel: the whole model, whatever N; task-sharded: shared plus the own parameters of the tasks it trains)",
            ["layout", .. TaskCounts.Select(t => $"data-parallel, T = {t}"), .. columns.Select(c => $"task-sharded, T = {c.Tasks}, {MachineRange(c.Machines)} ({c.TasksPerRank} {(c.TasksPerRank == 1 ? "task" : "tasks")} a rank)")],
            counts[TaskCounts[0]].Select((row, i) => (IEnumerable<string>)
            [
                Name(row.Layout),
                .. TaskCounts.Select(t => Count(RankLoad.For(Placement.DataParallel, counts[t][i], t, machines[0]).ParametersHeld)),
                .. columns.Select(c => Count(RankLoad.For(Placement.TaskSharded, counts[c.Tasks][i], c.Tasks, c.Machines[0]).ParametersHeld)),
            ]));
    }

    /// <summary>Scaling efficiency of both placements at a few (T, N), on one network.</summary>
    /// <param name="layouts">The layouts to show.</param>
    /// <param name="network">The network.</param>
    /// <param name="cases">The (T, N) pairs, one pair of columns each.</param>
    /// <returns>The table.</returns>
    public string Summary(IReadOnlyList<Layout> layouts, Network network, IReadOnlyList<(int Tasks, int Machines)> cases) => Table(
        $"**Scaling efficiency at {Gbps(network)}**, compute / (compute + communication)",
        ["layout", .. cases.SelectMany(c => Placements.Select(p => $"T = {c.Tasks}, N = {c.Machines}, {PlacementName(p)}"))],
        layouts.Select(layout => (IEnumerable<string>)
        [
            Name(layout),
            .. cases.SelectMany(c => Placements.Select(p =>
            {
                var load = RankLoad.For(p, counts[c.Tasks].Single(row => row.Layout == layout), c.Tasks, c.Machines);
                return Percent(load.ComputeSeconds / (load.ComputeSeconds + load.CommunicationSeconds(network, c.Machines)));
            })),
        ]));

    /// <summary>Communication time per step, in milliseconds, at every bandwidth.</summary>
    /// <param name="tasks">T.</param>
    /// <param name="layouts">The layouts to show.</param>
    /// <param name="networks">The networks, one number each per cell.</param>
    /// <returns>The table.</returns>
    public string Communication(int tasks, IReadOnlyList<Layout> layouts, IReadOnlyList<Network> networks) => Table(
        $"**Communication per step, T = {tasks}, ms at {string.Join(" / ", networks.Select(n => Gbps(n)))}** (α = {Network.DatacentreLatency * 1e6:0} µs)",
        ["layout", "placement", .. machines.Select(n => $"N = {n}")],
        Rows(tasks, layouts).Select(r => (IEnumerable<string>)
        [
            Name(r.Counts.Layout), PlacementName(r.Placement),
            .. machines.Select(n => string.Join(" / ", networks.Select(w => Milliseconds(RankLoad.For(r.Placement, r.Counts, tasks, n).CommunicationSeconds(w, n))))),
        ]));

    /// <summary>Estimated step time and scaling efficiency, compute / (compute + communication), on one network.</summary>
    /// <param name="tasks">T.</param>
    /// <param name="layouts">The layouts to show.</param>
    /// <param name="network">The network.</param>
    /// <returns>The table.</returns>
    public string StepTimes(int tasks, IReadOnlyList<Layout> layouts, Network network) => Table(
        $"**Step time and scaling efficiency, T = {tasks}, {Gbps(network)}** (compute per rank: {Seconds(MeasuredCompute.StepSeconds(tasks))} data-parallel, {Seconds(MeasuredCompute.SecondsPerTaskBatch)} × the tasks a rank trains task-sharded)",
        ["layout", "placement", .. machines.Select(n => $"N = {n}")],
        Rows(tasks, layouts).Select(r => (IEnumerable<string>)
        [
            Name(r.Counts.Layout), PlacementName(r.Placement),
            .. machines.Select(n =>
            {
                var load = RankLoad.For(r.Placement, r.Counts, tasks, n);
                var step = load.ComputeSeconds + load.CommunicationSeconds(network, n);
                return $"{Seconds(step)} · {Percent(load.ComputeSeconds / step)}";
            }),
        ]));

    private IEnumerable<(LayoutCounts Counts, Placement Placement)> Rows(int tasks, IReadOnlyList<Layout> layouts) =>
        layouts.SelectMany(layout => Placements.Select(p => (counts[tasks].Single(c => c.Layout == layout), p)));

    private static string Table(string caption, IReadOnlyList<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder().AppendLine(caption).AppendLine();
        text.AppendLine($"| {string.Join(" | ", header)} |");
        text.AppendLine($"|{string.Concat(header.Select(h => h is "layout" or "placement" or "task-specific blocks" ? "---|" : "---:|"))}");
        foreach (var row in rows)
        {
            text.AppendLine($"| {string.Join(" | ", row)} |");
        }

        return text.ToString();
    }

    private static string ShardedBytes(RankLoad load) => load.TaskRanks == 1
        ? Bytes(load.BytesOverAllRanks)
        : $"{Bytes(load.BytesOverAllRanks)} + {Bytes(load.BytesOverTaskRanks)}";

    private static string MachineRange(IReadOnlyList<int> machines) =>
        machines.Count == 1 ? $"N = {machines[0]}" : $"N = {machines[0]}–{machines[^1]}";

    private static string Name(Layout layout) => $"`{layout}`";

    private static string PlacementName(Placement placement) => placement == Placement.DataParallel ? "data-parallel" : "task-sharded";

    private static string Gbps(Network network) => Invariant($"{network.GigabitsPerSecond:0} Gb/s");

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => Invariant($"{bytes:N0} ({bytes / 1e6:0.00} MB)");

    private static string Seconds(double seconds) => Invariant($"{seconds:0.000} s");

    private static string Milliseconds(double seconds) => Invariant($"{seconds * 1e3:0.0}");

    private static string Percent(double fraction) => Invariant($"{fraction * 100:0.0}%");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
