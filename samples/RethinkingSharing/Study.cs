using MtlSharing.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing;

/// <summary>Validates the options, runs every part of the study, and writes and prints the results.</summary>
internal static class Study
{
    /// <summary>Runs every part in the options' precision and writes the result files.</summary>
    /// <returns>Every run, part by part.</returns>
    public static IReadOnlyList<RunResult> Run(StudyOptions options, bool quick)
    {
        var parts = Validate(options);
        var leader = options.World is null or { Rank: 0 };
        if (!leader)
        {
            // Every rank trains; rank 0 alone prints and writes.
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        }

        var folder = leader ? PrepareOutput(options.Out) : Path.GetFullPath(options.Out);

        // Redirected, or a rank's terminal under mpirun: tables should not wrap at 80 columns.
        if (Console.IsOutputRedirected || options.World is { UsesMpi: true })
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        }

        set_num_threads(options.Threads);
        var resolved = StudyRunner.Resolve(parts);
        var notes = resolved.SelectMany(r => r.Notes).ToList();
        AnsiConsole.MarkupLineInterpolated($"[bold]Rethinking hard-parameter sharing[/] ({(quick ? "quick mode" : "full study")}): parts {string.Join(", ", options.Parts)}; {resolved.Sum(r => r.RunCount)} runs; {options.Epochs} epoch(s), {options.TrainPerTask} training ({options.FashionTrainPerTask ?? options.TrainPerTask} for Fashion domains) and {options.TestPerTask} test images per task, {options.Threads} threads, precision {options.Precision.Name}");
        foreach (var note in notes)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{note}[/]");
        }

        if (options.Precision.Autocast is not null && !Autocast.CpuSupportsFastBFloat16)
        {
            AnsiConsole.MarkupLine("[yellow]this CPU has neither AVX512-BF16 nor AMX: bfloat16 is emulated and may be slower than fp32[/]");
        }

        var data = DomainTasks.Load([.. DomainTasks.Names.Where(parts.SelectMany(p => p.Setting.Tasks).ToHashSet().Contains)], options.TrainPerTask, options.TestPerTask, options.FashionTrainPerTask);
        try
        {
            var runsCsv = Path.Combine(folder, "runs.csv");
            var runs = new StudyRunner(options, data).Run(resolved, soFar =>
            {
                if (leader)
                {
                    ResultFiles.WriteRunsCsv(runsCsv, soFar, options.Precision);
                }
            });
            if (!leader)
            {
                return runs;
            }

            var summaries = ArmSummary.FromRuns(runs);
            var findings = Findings.Describe(runs, notes);
            ResultFiles.WriteSummaryCsv(Path.Combine(folder, "summary.csv"), summaries, options.Precision);
            File.WriteAllText(Path.Combine(folder, "results.md"), $"Precision: {options.Precision.Description}.{Environment.NewLine}{Environment.NewLine}{ResultFiles.Markdown(summaries)}```text{Environment.NewLine}{findings}{Environment.NewLine}```{Environment.NewLine}");
            var charts = WriteCharts(folder, summaries, options);
            foreach (var setting in summaries.GroupBy(s => s.Setting.Key))
            {
                AnsiConsole.Write(StudyTable.For([.. setting]));
            }

            AnsiConsole.WriteLine(findings);
            AnsiConsole.MarkupLineInterpolated($"results written to [bold]{folder}[/] (runs.csv, summary.csv, results.md, {string.Join(", ", charts)})");
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

        if (Validate(options).Sum(p => p.Arms.Count * p.Seeds) < 2)
        {
            throw new ArgumentException("comparing precisions needs at least two runs of each; add seeds or layouts");
        }

        var runs = precisions.Select(p => Run(options with { Precision = p, Out = Path.Combine(options.Out, p.Name) }, quick)).ToList();
        var comparison = PrecisionComparison.FromRuns(runs[0], runs[1]);
        var text = $"Mean test accuracy of the study under {precisions[1].Name} against {precisions[0].Name}, runs paired by setting, layout and seed." + Environment.NewLine + Environment.NewLine + comparison.Markdown();
        File.WriteAllText(Path.Combine(PrepareOutput(options.Out), "precision.md"), text);
        AnsiConsole.WriteLine(text);
        return comparison;
    }

    private static List<string> WriteCharts(string folder, IReadOnlyList<ArmSummary> summaries, StudyOptions options)
    {
        var written = new List<string>();
        var budgets = summaries.Where(s => s.Setting.Part == "budgets").ToList();
        if (budgets.Count > 0)
        {
            File.WriteAllText(Path.Combine(folder, "accuracy_vs_share.svg"), SvgChart.Render(StudyCharts.AccuracyAgainstShare(budgets)));
            written.Add("accuracy_vs_share.svg");
        }

        var tasks = summaries.Where(s => s.Setting.Part == "tasks").ToList();
        if (tasks.Count > 0)
        {
            File.WriteAllText(Path.Combine(folder, "accuracy_vs_tasks.svg"), SvgChart.Render(StudyCharts.AccuracyAgainstTasks(tasks)));
            written.Add("accuracy_vs_tasks.svg");
        }

        return written;
    }

    private static IReadOnlyList<StudyPart> Validate(StudyOptions options)
    {
        if (options.Tasks.Count == 0 || options.Layouts.Count == 0 || options.Parts.Count == 0 || options.Regimes.Count == 0)
        {
            throw new ArgumentException($"name at least one part ({string.Join(", ", StudyOptions.PartNames)}), task ({string.Join(", ", DomainTasks.Names)}), layout ({string.Join(", ", Arm.KindNames)}) and regime ({string.Join(", ", Arm.RegimeNames)})");
        }

        var unknownTasks = options.Tasks.Except(DomainTasks.Names).ToList();
        if (unknownTasks.Count > 0)
        {
            throw new ArgumentException($"unknown task(s) {string.Join(", ", unknownTasks)}; valid tasks are {string.Join(", ", DomainTasks.Names)}");
        }

        if (options.TaskCounts.Any(t => t < 1 || t > DomainTasks.Names.Length))
        {
            throw new ArgumentException($"task counts must be between 1 and {DomainTasks.Names.Length}, e.g. 2,4,8");
        }

        if (options.Budgets.Count == 0 && options.Layouts.Any(k => k is ArmKind.Bottom or ArmKind.Top))
        {
            throw new ArgumentException("bottom and top layouts need at least one budget, e.g. --budgets 0.02,0.1,top:2");
        }

        if (options.World is { } world && options.BatchSize % world.Size != 0)
        {
            throw new ArgumentException($"the batch of {options.BatchSize} images cannot be split evenly over {world.Size} ranks; run with a number of ranks that divides it");
        }

        if (options.Seeds < 1 || options.ReferenceSeeds < 1 || options.SweepSeeds < 1 || options.Epochs < 1 || options.TrainPerTask < 1 || options.TestPerTask < 1 || options.FashionTrainPerTask < 1)
        {
            throw new ArgumentException("--seeds, --reference-seeds, --sweep-seeds, --epochs, --train, --train-fashion and --test must be positive");
        }

        var parts = options.Grid();
        foreach (var backbone in parts.Select(p => p.Setting.Backbone).Distinct())
        {
            StudyModels.Create(backbone, options.Width).Dispose();
        }

        return parts;
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
}
