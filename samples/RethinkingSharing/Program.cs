using System.CommandLine;
using System.Globalization;
using RethinkingSharing;

// The paper's question on real data: does giving each task its own bottom layers beat giving it
// its own top layers, at the same task-specific parameter budget? See README.md beside this file.
var quick = new Option<bool>("--quick") { Description = "the quick mode of ./build.sh demo (about two minutes); without it, the full study" };
var parts = new Option<string>("--parts") { Description = $"comma-separated parts: {string.Join(", ", StudyOptions.PartNames)}" };
var tasks = new Option<string>("--tasks") { Description = $"comma-separated tasks of the budgets and backbones parts: {string.Join(", ", DomainTasks.Names)}" };
var layouts = new Option<string>("--layouts") { Description = $"comma-separated layouts of the budgets part: {string.Join(", ", Arm.KindNames)}" };
var budgets = new Option<string>("--budgets") { Description = "comma-separated budgets of the budgets part: task-specific shares (0.02 or 2%) or top:m (the share of the top's last m layers), e.g. 0.02,0.1,0.3,top:2" };
var regimes = new Option<string>("--regimes") { Description = $"comma-separated BatchNorm regimes: {string.Join(", ", Arm.RegimeNames)}" };
var taskCounts = new Option<string>("--task-counts") { Description = "comma-separated task counts of the tasks part (the first T domains), e.g. 2,4,8" };
var sweepBudgets = new Option<string>("--sweep-budgets") { Description = "comma-separated budgets of the tasks and backbones parts, e.g. 0.1,top:2" };
var seeds = new Option<int?>("--seeds") { Description = "seeds per arm of the budgets part's bottom-top comparisons" };
var referenceSeeds = new Option<int?>("--reference-seeds") { Description = "seeds per arm of the budgets part's other arms (independent, shared, norm-only, shared-uncertainty, a side whose counterpart cannot be matched); default: --seeds when given, else the mode's (3 in the full study)" };
var sweepSeeds = new Option<int?>("--sweep-seeds") { Description = "seeds per arm of the tasks and backbones parts" };
var epochs = new Option<int?>("--epochs") { Description = "training epochs per run" };
var backbone = new Option<string?>("--backbone") { Description = $"backbone of the budgets and tasks parts: {string.Join(", ", StudyModels.Backbones)}" };
var width = new Option<int?>("--width") { Description = "ResNet base width (64 is torchvision's); for MobileNetV2, 32 × the width multiplier" };
var train = new Option<int?>("--train") { Description = "training images per task" };
var test = new Option<int?>("--test") { Description = "test images per task" };
var trainFashion = new Option<int?>("--train-fashion") { Description = "training images per Fashion-MNIST domain, when they should differ from --train (Fashion-MNIST has 15,000 per domain for four domains; the digits at most 2,500 to 5,000)" };
var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => "study-results" };
var threads = new Option<int>("--threads") { Description = "libtorch threads", DefaultValueFactory = _ => Environment.ProcessorCount };
var distributed = new Option<bool>("--distributed") { Description = "under mpirun: train every run data-parallel across the ranks (each rank half the batch with two ranks); rank 0 prints and writes the results" };
var precision = new Option<string>("--autocast") { Description = "fp32, or bf16: forward passes and losses in bfloat16 mixed precision (fast on CPUs with AVX512-BF16 or AMX); fp32,bf16 runs both and compares their accuracies", DefaultValueFactory = _ => "fp32" };
var root = new RootCommand("Bottom- versus top-specific hard-parameter sharing at matched budgets, across BatchNorm regimes, task counts and backbones, on up to eight visual domains (Zhang et al., 2021).")
{
    quick, parts, tasks, layouts, budgets, regimes, taskCounts, sweepBudgets, seeds, referenceSeeds, sweepSeeds, epochs, backbone, width, train, test, trainFashion, output, threads, precision, distributed,
};

root.SetAction(parsed =>
{
    try
    {
        using var world = parsed.GetValue(distributed) ? MtlSharing.Distributed.DistributedWorld.Start() : null;
        var defaults = parsed.GetValue(quick) ? StudyOptions.Quick(parsed.GetValue(output)!, parsed.GetValue(threads)) : StudyOptions.Full(parsed.GetValue(output)!, parsed.GetValue(threads));
        var options = defaults with
        {
            Parts = List(parsed.GetValue(parts)) ?? defaults.Parts,
            Tasks = List(parsed.GetValue(tasks)) ?? defaults.Tasks,
            Layouts = List(parsed.GetValue(layouts))?.Select(Arm.ParseKind).ToList() ?? defaults.Layouts,
            Budgets = List(parsed.GetValue(budgets))?.Select(BudgetPoint.Parse).ToList() ?? defaults.Budgets,
            Regimes = List(parsed.GetValue(regimes))?.Select(Arm.ParseRegime).ToList() ?? defaults.Regimes,
            TaskCounts = List(parsed.GetValue(taskCounts))?.Select(Count).ToList() ?? defaults.TaskCounts,
            SweepBudgets = List(parsed.GetValue(sweepBudgets))?.Select(BudgetPoint.Parse).ToList() ?? defaults.SweepBudgets,
            Seeds = parsed.GetValue(seeds) ?? defaults.Seeds,
            ReferenceSeeds = parsed.GetValue(referenceSeeds) ?? (parsed.GetValue(seeds) is null ? defaults.ReferenceSeeds : null),
            SweepSeeds = parsed.GetValue(sweepSeeds) ?? defaults.SweepSeeds,
            Epochs = parsed.GetValue(epochs) ?? defaults.Epochs,
            Backbone = parsed.GetValue(backbone) ?? defaults.Backbone,
            Width = parsed.GetValue(width) ?? defaults.Width,
            TrainPerTask = parsed.GetValue(train) ?? defaults.TrainPerTask,
            TestPerTask = parsed.GetValue(test) ?? defaults.TestPerTask,
            FashionTrainPerTask = parsed.GetValue(trainFashion) ?? defaults.FashionTrainPerTask,
            World = world,
        };
        var precisions = Precision.ParseList(parsed.GetValue(precision)!);
        if (precisions.Count > 1)
        {
            Study.ComparePrecisions(options, precisions, parsed.GetValue(quick));
        }
        else
        {
            Study.Run(options with { Precision = precisions[0] }, parsed.GetValue(quick));
        }

        return 0;
    }
    catch (Exception e) when (e is ArgumentException or DatasetNotFoundException or IOException or UnauthorizedAccessException or MtlSharing.Distributed.MpiException)
    {
        // Plain text on stderr: never wrapped, so an install command or a path stays copyable.
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
});

return root.Parse(args).Invoke();

static IReadOnlyList<string>? List(string? value) =>
    value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

static int Count(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
        ? count
        : throw new ArgumentException($"task count '{text}' is not a whole number; task counts are between 1 and {DomainTasks.Names.Length}, e.g. 2,4,8");
