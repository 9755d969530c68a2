using System.Globalization;
using MtlSharing.Metrics;
using MtlSharing.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>Validates the options, runs the study, and writes and prints the results.</summary>
internal static class Study
{
    /// <summary>Runs every layout with every seed in the options' precision and writes the result files.</summary>
    /// <returns>Every run, in the order trained.</returns>
    public static IReadOnlyList<RunResult> Run(StudyOptions options, bool quick)
    {
        Validate(options);
        var folder = PrepareOutput(options.Out);
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        set_num_threads(options.Threads);
        var layouts = LayoutSpec.Expand(options.Layouts, options.Budgets);
        AnsiConsole.MarkupLineInterpolated($"[bold]Rethinking hard-parameter sharing[/] ({(quick ? "quick mode" : "full study")}): {options.Tasks.Count} tasks, {layouts.Count} layouts × {options.Seeds} seeds, {options.Backbone} width {options.Width}, {options.Epochs} epoch(s), {options.TrainPerTask} training images per task, {options.Threads} threads, precision {options.Precision.Name}");
        if (options.Precision.Autocast is not null && !Autocast.CpuSupportsFastBFloat16)
        {
            AnsiConsole.MarkupLine("[yellow]this CPU has neither AVX512-BF16 nor AMX: bfloat16 is emulated and may be slower than fp32[/]");
        }

        var data = DomainTasks.Load(options.Tasks, options.TrainPerTask, options.TestPerTask);
        try
        {
            var runs = new StudyRunner(options, data).Run(layouts);
            var summaries = LayoutSummary.FromRuns(runs, options.Tasks);
            ResultFiles.WriteRunsCsv(Path.Combine(folder, "runs.csv"), runs, options.Tasks, options.Precision);
            ResultFiles.WriteSummaryCsv(Path.Combine(folder, "summary.csv"), summaries, options.Tasks, options.Precision);
            var verdict = Verdict.Describe(summaries);
            var precisionLine = $"Precision: {options.Precision.Description}.";
            File.WriteAllText(Path.Combine(folder, "results.md"), precisionLine + Environment.NewLine + Environment.NewLine + ResultFiles.Markdown(summaries, options.Tasks) + Environment.NewLine + verdict + Environment.NewLine);
            File.WriteAllText(Path.Combine(folder, "accuracy_vs_share.svg"), SvgChart.Render(summaries, $"Mean accuracy against task-specific share ({options.Seeds} seeds)"));
            AnsiConsole.Write(Table(summaries, options.Tasks));
            AnsiConsole.WriteLine(verdict);
            AnsiConsole.MarkupLineInterpolated($"results written to [bold]{folder}[/] (runs.csv, summary.csv, results.md, accuracy_vs_share.svg)");
            return runs;
        }
        finally
        {
            foreach (var (trainSet, testSet) in data.Values)
            {
                trainSet.Dispose();
                testSet.Dispose();
            }
        }
    }

    /// <summary>Runs the study once per precision, each into its own subfolder, and compares the accuracies of paired runs.</summary>
    /// <returns>The comparison, also written to precision.md in the results folder.</returns>
    public static PrecisionComparison ComparePrecisions(StudyOptions options, IReadOnlyList<Precision> precisions, bool quick)
    {
        if (precisions.Count != 2)
        {
            throw new ArgumentException($"comparing precisions needs both of {string.Join(", ", Precision.Names)}");
        }

        Validate(options);
        if (LayoutSpec.Expand(options.Layouts, options.Budgets).Count * options.Seeds < 2)
        {
            throw new ArgumentException("comparing precisions needs at least two runs of each; add seeds or layouts");
        }

        var runs = precisions.Select(p => Run(options with { Precision = p, Out = Path.Combine(options.Out, p.Name) }, quick)).ToList();
        var comparison = PrecisionComparison.FromRuns(runs[0], runs[1]);
        var text = $"Mean test accuracy of the study under {precisions[1].Name} against {precisions[0].Name}, runs paired by layout and seed." + Environment.NewLine + Environment.NewLine + comparison.Markdown();
        File.WriteAllText(Path.Combine(PrepareOutput(options.Out), "precision.md"), text);
        AnsiConsole.WriteLine(text);
        return comparison;
    }

    private static void Validate(StudyOptions options)
    {
        if (options.Tasks.Count == 0 || options.Layouts.Count == 0)
        {
            throw new ArgumentException($"name at least one task ({string.Join(", ", DomainTasks.Names)}) and one layout ({string.Join(", ", LayoutSpec.Kinds)})");
        }

        var unknownTasks = options.Tasks.Except(DomainTasks.Names).ToList();
        if (unknownTasks.Count > 0)
        {
            throw new ArgumentException($"unknown task(s) {string.Join(", ", unknownTasks)}; valid tasks are {string.Join(", ", DomainTasks.Names)}");
        }

        LayoutSpec.Expand(options.Layouts, options.Budgets);
        StudyModels.Create(options.Backbone, options.Width).Dispose();
        if (options.Budgets.Count == 0 || options.Budgets.Any(b => b is <= 0 or > 1))
        {
            throw new ArgumentException("budgets are task-specific shares between 0 and 1, e.g. 0.02,0.1,0.3");
        }

        if (options.Seeds < 1 || options.Epochs < 1 || options.TrainPerTask < 1 || options.TestPerTask < 1)
        {
            throw new ArgumentException("--seeds, --epochs, --train and --test must be positive");
        }
    }

    /// <summary>Creates the results folder and proves it writable before any training starts.</summary>
    private static string PrepareOutput(string path)
    {
        var folder = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".write-test");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"the results folder '{folder}' is not writable: {e.Message}", e);
        }

        return folder;
    }

    private static Table Table(IReadOnlyList<LayoutSummary> summaries, IReadOnlyList<string> tasks)
    {
        var table = new Table().Title("test accuracy (%), mean ± std over seeds");
        table.AddColumn("layout");
        table.AddColumn(new TableColumn("k").RightAligned());
        foreach (var task in tasks)
        {
            table.AddColumn(new TableColumn(task).RightAligned());
        }

        foreach (var header in new[] { "mean", "Δ_MTL", "specific share", "parameters", "train s" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var s in summaries)
        {
            var cells = new List<string> { s.Layout.Label, s.Blocks?.ToString(CultureInfo.InvariantCulture) ?? "–" };
            cells.AddRange(tasks.Select(t => s.TaskAccuracy[t].Scale(100).ToString(2)));
            cells.Add(s.MeanAccuracy.Scale(100).ToString(2));
            cells.Add(s.DeltaMtl is { } d ? PercentFormat.FormatSigned(d) : "–");
            cells.Add(PercentFormat.Format(s.TaskSpecificShare));
            cells.Add(s.TotalParameters.ToString("N0", CultureInfo.InvariantCulture));
            cells.Add(s.TrainingSeconds.Mean.ToString("F0", CultureInfo.InvariantCulture));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }
}
