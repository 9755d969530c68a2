using System.Globalization;
using System.Xml.Linq;

namespace RethinkingSharing.Tests;

/// <summary>A tiny real study on two domains: the four result files and what they must hold.</summary>
[Collection(SampleCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private static readonly string[] Labels = ["independent", "shared", "top@10%", "bottom@10%"];
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    [StudyDataFact]
    public void TinyStudyWritesEveryResultFile()
    {
        var result = SampleProcess.Run(
            ["--tasks", "digits,fashion-tinted", "--layouts", "independent,shared,top,bottom", "--budgets", "0.1", "--seeds", "2",
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
            ["--tasks", "digits", "--layouts", "shared", "--seeds", "1", "--epochs", "1", "--train", "64", "--test", "32",
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
            ["--tasks", "digits", "--layouts", "shared", "--seeds", "2", "--epochs", "1", "--train", "64", "--test", "32",
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
        markdown.Should().StartWith("Mean test accuracy of the study under bf16 against fp32, runs paired by layout and seed.");
        markdown.Should().Contain(string.Create(CultureInfo.InvariantCulture,
            $"| 2 | {fp32.Average(r => Number(r["mean_accuracy"])) * 100:F2} | {bf16.Average(r => Number(r["mean_accuracy"])) * 100:F2} | {mean:+0.00;-0.00} | {std:F2} | {std / Math.Sqrt(2):F2} | [{mean - halfWidth:+0.00;-0.00}, {mean + halfWidth:+0.00;-0.00}] |"));
        markdown.Should().Contain("Verdict: ");
        result.Stdout.Should().Contain("runs paired by layout and seed");
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

        runs.Where(r => r["layout"] == "independent").Should().OnlyContain(r => r["task_specific_share"] == "1" && r["blocks"] == "");
        runs.Where(r => r["kind"] is "top" or "bottom").Should().OnlyContain(r => r["target_share"] == "0.1" && r["blocks"] != "");
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
        chart.Descendants(Svg + "polyline").Should().HaveCount(2, "one line for top-specific and one for bottom-specific");
        chart.Descendants(Svg + "circle").Should().HaveCount(2, "one budget: one marker per line");
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["bottom-specific", "top-specific", "independent", "shared"]);
    }

    private static void CheckMarkdown(string markdown)
    {
        markdown.Should().StartWith("Precision: fp32 (float32 throughout).");
        markdown.Should().Contain("| layout | k | digits | fashion-tinted | mean accuracy | Δ_MTL vs independent | task-specific share | parameters | training s |");
        markdown.Should().Contain("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var label in Labels)
        {
            markdown.Should().Contain($"\n| {label} | ");
        }

        markdown.Should().MatchRegex(@"Observation 1 \(bottom-specific beats top-specific at a matched budget\): bottom wins at [01] of 1 budgets\.");
        markdown.Should().Contain("Observation 2 (a small bottom-specific share comes close to independent models): bottom@10% reaches ");
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
