using System.Globalization;
using System.Xml.Linq;

namespace RethinkingSharing.Tests;

/// <summary>A tiny real study on two domains: the four result files and what they must hold.</summary>
[Collection(SampleCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private static readonly string[] Labels = ["independent", "shared", "top@top:1", "bottom@top:1"];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    [StudyDataFact]
    public void TinyStudyWritesEveryResultFile()
    {
        var result = SampleProcess.Run(
            ["--parts", "budgets", "--regimes", "shared-bn", "--tasks", "digits,fashion-tinted", "--layouts", "independent,shared,top,bottom", "--budgets", "top:1", "--seeds", "2",
             "--epochs", "1", "--train", "64", "--test", "32", "--width", "4", "--threads", "1", "--out", temp.Path],
            timeoutSeconds: 300);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        foreach (var name in new[] { "runs.csv", "summary.csv", "results.md", "accuracy_vs_share.svg" })
        {
            File.Exists(Path.Combine(temp.Path, name)).Should().BeTrue(name);
        }

        var runs = Csv(Path.Combine(temp.Path, "runs.csv"));
        CheckRuns(runs);
        CheckSummary(Csv(Path.Combine(temp.Path, "summary.csv")), runs);
        CheckChart(XDocument.Load(Path.Combine(temp.Path, "accuracy_vs_share.svg")));
        CheckMarkdown(File.ReadAllText(Path.Combine(temp.Path, "results.md")));
    }

    [StudyDataFact]
    public void TinyStudyUnderBfloat16AutocastSaysSoInItsResults()
    {
        var result = SampleProcess.Run(
            ["--parts", "budgets", "--regimes", "shared-bn", "--tasks", "digits", "--layouts", "shared", "--seeds", "1", "--epochs", "1", "--train", "64", "--test", "32",
             "--width", "4", "--threads", "1", "--autocast", "bf16", "--out", temp.Path],
            timeoutSeconds: 300);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("precision bf16");
        var run = Csv(Path.Combine(temp.Path, "runs.csv")).Single();
        run["precision"].Should().Be("bf16");
        (Number(run["accuracy_digits"]) * 32).Should().BeInRange(0, 32);
        Csv(Path.Combine(temp.Path, "summary.csv")).Single()["precision"].Should().Be("bf16");
        File.ReadAllText(Path.Combine(temp.Path, "results.md")).Should().StartWith("Precision: bf16 (forward passes and losses under torch.autocast in bfloat16");
    }

    [StudyDataFact]
    public void ComparingPrecisionsPairsTheRunsOfBothAndWritesTheComparison()
    {
        var result = SampleProcess.Run(
            ["--parts", "budgets", "--regimes", "shared-bn", "--tasks", "digits", "--layouts", "shared", "--seeds", "2", "--epochs", "1", "--train", "64", "--test", "32",
             "--width", "4", "--threads", "1", "--autocast", "bf16,fp32", "--out", temp.Path],
            timeoutSeconds: 300);

        result.ExitCode.Should().Be(0, result.ToString());
        var fp32 = Csv(Path.Combine(temp.Path, "fp32", "runs.csv"));
        var bf16 = Csv(Path.Combine(temp.Path, "bf16", "runs.csv"));
        fp32.Should().OnlyContain(r => r["precision"] == "fp32").And.HaveCount(2);
        bf16.Should().OnlyContain(r => r["precision"] == "bf16").And.HaveCount(2);
        var differences = fp32.Zip(bf16, (f, b) => (Number(b["mean_accuracy"]) - Number(f["mean_accuracy"])) * 100).ToList();
        var mean = differences.Average();
        var std = Math.Abs(differences[0] - differences[1]) / Math.Sqrt(2);
        var halfWidth = 12.706 * std / Math.Sqrt(2);
        var markdown = File.ReadAllText(Path.Combine(temp.Path, "precision.md"));
        markdown.Should().StartWith("Mean test accuracy of the study under bf16 against fp32, runs paired by setting, layout and seed.");
        markdown.Should().Contain(string.Create(CultureInfo.InvariantCulture,
            $"| 2 | {fp32.Average(r => Number(r["mean_accuracy"])) * 100:F2} | {bf16.Average(r => Number(r["mean_accuracy"])) * 100:F2} | {mean:+0.00;-0.00} | {std:F2} | {std / Math.Sqrt(2):F2} | [{mean - halfWidth:+0.00;-0.00}, {mean + halfWidth:+0.00;-0.00}] |"));
        markdown.Should().Contain("Verdict: ");
        result.Stdout.Should().Contain("runs paired by setting, layout and seed");
    }

    [StudyDataFact]
    public void TinyTaskSweepWritesTheSecondChart()
    {
        var result = SampleProcess.Run(
            ["--parts", "tasks", "--task-counts", "1,2", "--sweep-budgets", "top:1", "--sweep-seeds", "1", "--regimes", "shared-bn",
             "--epochs", "1", "--train", "64", "--test", "32", "--width", "4", "--threads", "1", "--out", temp.Path],
            timeoutSeconds: 300);

        result.ExitCode.Should().Be(0, result.ToString());
        var runs = Csv(Path.Combine(temp.Path, "runs.csv"));
        runs.Select(r => r["task_count"]).Distinct().Should().Equal("1", "2");
        runs.Select(r => r["layout"]).Distinct().Should().BeEquivalentTo("independent", "shared", "bottom@top:1", "top@top:1");
        var chart = XDocument.Load(Path.Combine(temp.Path, "accuracy_vs_tasks.svg"));
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["independent", "fully shared", "bottom@top:1", "top@top:1"]);
        File.Exists(Path.Combine(temp.Path, "accuracy_vs_share.svg")).Should().BeFalse("the budgets part did not run");
    }

    private static void CheckRuns(List<Dictionary<string, string>> runs)
    {
        runs.Select(r => (r["layout"], r["seed"])).Should().BeEquivalentTo(
            Labels.SelectMany(l => new[] { (l, "0"), (l, "1") }), "one row per layout and seed");
        foreach (var run in runs)
        {
            foreach (var task in new[] { "digits", "fashion-tinted" })
            {
                var correct = Number(run[$"accuracy_{task}"]) * 32;
                correct.Should().BeInRange(0, 32);
                correct.Should().BeApproximately(Math.Round(correct), 1e-9, "accuracy counts whole test images out of 32");
            }
        }

        runs.Where(r => r["layout"] == "independent").Should().OnlyContain(r => r["task_specific_share"] == "1" && r["layers"] == "");
        runs.Where(r => r["kind"] is "top" or "bottom").Should().OnlyContain(r => r["budget"] == "top:1" && r["layers"] != "");
        runs.Where(r => r["kind"] == "top").Should().OnlyContain(r => r["layers"] == "1");
        runs.Should().OnlyContain(r => r["part"] == "budgets" && r["task_count"] == "2" && r["regime"] == "shared-bn");
        runs.Should().OnlyContain(r => r["precision"] == "fp32", "float32 is the default");
    }

    private static void CheckSummary(List<Dictionary<string, string>> summary, List<Dictionary<string, string>> runs)
    {
        summary.Select(s => s["layout"]).Should().Equal(Labels);
        Number(summary.Single(s => s["layout"] == "independent")["delta_mtl"]).Should().Be(0);
        foreach (var row in summary)
        {
            var own = runs.Where(r => r["layout"] == row["layout"]).Select(r => Number(r["mean_accuracy"])).ToList();
            Number(row["mean_accuracy"]).Should().BeApproximately(own.Average(), 1e-12, row["layout"]);
            Number(row["task_specific_share"]).Should().BeInRange(0, 1);
        }

        Number(summary.Single(s => s["layout"] == "shared")["task_specific_share"]).Should().BeLessThan(1);
    }

    private static void CheckChart(XDocument chart)
    {
        chart.Root!.Name.Should().Be(Svg + "svg");
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["bottom-specific", "top-specific", "independent", "fully shared"]);
    }

    private static void CheckMarkdown(string markdown)
    {
        markdown.Should().StartWith("Precision: fp32 (float32 throughout).");
        markdown.Should().Contain("### budgets/resnet18/T2 (width 4)");
        markdown.Should().Contain("| layout | BN | m | digits | fashion-tinted | mean accuracy | 95% interval | Δ_MTL vs independent | task-specific share | parameters | training s |");
        foreach (var label in Labels)
        {
            markdown.Should().Contain($"\n| {label} | ");
        }

        markdown.Should().Contain("  budgets/resnet18/T2, BN as layout, budget top:1: bottom m=");
        markdown.Should().MatchRegex(@"in all: bottom wins [01], top wins [01], not resolved [01], the same model [01] of 1 matched comparisons\.");
        markdown.Should().Contain("  budgets/resnet18/T2: bottom@top:1 (");
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            fields.Should().HaveSameCount(header, line);
            return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
