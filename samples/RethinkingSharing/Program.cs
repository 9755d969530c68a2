using System.CommandLine;
using System.Globalization;
using RethinkingSharing;

// The paper's question on real data: does giving each task its own bottom layers beat giving it
// its own top layers, at the same task-specific parameter budget? See README.md beside this file.
var quick = new Option<bool>("--quick") { Description = "the quick mode of ./build.sh demo (a few minutes); without it, the full study" };
var tasks = new Option<string>("--tasks") { Description = $"comma-separated tasks: {string.Join(", ", DomainTasks.Names)}" };
var layouts = new Option<string>("--layouts") { Description = $"comma-separated layouts: {string.Join(", ", LayoutSpec.Kinds)}" };
var budgets = new Option<string>("--budgets") { Description = "comma-separated task-specific shares for top and bottom, e.g. 0.02,0.1,0.3" };
var seeds = new Option<int?>("--seeds") { Description = "seeds per configuration" };
var epochs = new Option<int?>("--epochs") { Description = "training epochs per run" };
var backbone = new Option<string?>("--backbone") { Description = $"backbone: {string.Join(", ", StudyModels.Backbones)}" };
var width = new Option<int?>("--width") { Description = "ResNet base width (64 is torchvision's); for MobileNetV2, 32 × the width multiplier" };
var train = new Option<int?>("--train") { Description = "training images per task" };
var test = new Option<int?>("--test") { Description = "test images per task" };
var output = new Option<string>("--out") { Description = "results folder", DefaultValueFactory = _ => "study-results" };
var threads = new Option<int>("--threads") { Description = "libtorch threads", DefaultValueFactory = _ => Environment.ProcessorCount };
var precision = new Option<string>("--autocast") { Description = "fp32, or bf16: forward passes and losses in bfloat16 mixed precision (fast on CPUs with AVX512-BF16 or AMX); fp32,bf16 runs both and compares their accuracies", DefaultValueFactory = _ => "fp32" };
var root = new RootCommand("Bottom- versus top-specific hard-parameter sharing on four visual domains (Zhang et al., 2021).")
{
    quick, tasks, layouts, budgets, seeds, epochs, backbone, width, train, test, output, threads, precision,
};

root.SetAction(parsed =>
{
    try
    {
        var defaults = parsed.GetValue(quick) ? StudyOptions.Quick(parsed.GetValue(output)!, parsed.GetValue(threads)) : StudyOptions.Full(parsed.GetValue(output)!, parsed.GetValue(threads));
        var options = defaults with
        {
            Tasks = List(parsed.GetValue(tasks)) ?? defaults.Tasks,
            Layouts = List(parsed.GetValue(layouts)) ?? defaults.Layouts,
            Budgets = List(parsed.GetValue(budgets))?.Select(Budget).ToList() ?? defaults.Budgets,
            Seeds = parsed.GetValue(seeds) ?? defaults.Seeds,
            Epochs = parsed.GetValue(epochs) ?? defaults.Epochs,
            Backbone = parsed.GetValue(backbone) ?? defaults.Backbone,
            Width = parsed.GetValue(width) ?? defaults.Width,
            TrainPerTask = parsed.GetValue(train) ?? defaults.TrainPerTask,
            TestPerTask = parsed.GetValue(test) ?? defaults.TestPerTask,
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
    catch (Exception e) when (e is ArgumentException or DatasetNotFoundException or IOException or UnauthorizedAccessException)
    {
        // Plain text on stderr: never wrapped, so an install command or a path stays copyable.
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
});

return root.Parse(args).Invoke();

static IReadOnlyList<string>? List(string? value) =>
    value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

static double Budget(string text) =>
    double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
        ? share
        : throw new ArgumentException($"budget '{text}' is not a number; budgets are task-specific shares between 0 and 1, e.g. 0.02,0.1,0.3");
