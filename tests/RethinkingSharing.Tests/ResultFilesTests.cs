using System.Globalization;

namespace RethinkingSharing.Tests;

/// <summary>The CSV and Markdown results of <see cref="Made.Runs"/>; the numbers are worked out in <see cref="ArmSummaryTests"/>.</summary>
public sealed class ResultFilesTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void MarkdownTableHasAColumnPerTaskAndARowPerLayout()
    {
        var lines = Markdown().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        lines[0].Should().Be("### budgets/resnet18/T2 (width 8)");
        lines[1].Should().Be("| layout | BN | m | a | b | mean accuracy | 95% interval | Δ_MTL vs independent | task-specific share | parameters | training s |");
        lines[2].Should().Be("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        lines.Should().HaveCount(6);
        lines.Skip(1).Should().OnlyContain(l => l.Count(c => c == '|') == 12, "every row has the header's eleven cells");
    }

    [Fact]
    public void MarkdownRowsShowPercentagesMeanAndStd()
    {
        var lines = Markdown().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // 95% intervals: t(0.975, 1) = 12.706 with two seeds, t(0.975, 2) = 4.303 with three.
        lines.Should().Contain("| independent | shared-bn | – | 70.00 ± 14.14 | 50.00 ± 0.00 | 60.00 ± 7.07 | ±63.53 | 0.00% | 100.00% | 2,000 | 3 |");
        lines.Should().Contain("| shared | shared-bn | – | 77.00 ± 4.24 | 55.00 ± 7.07 | 66.00 ± 5.66 | ±50.82 | +10.00% | 1.00% | 1,000 | 1 |");
        lines.Should().Contain("| bottom@10% | shared-bn | 2 | 70.00 ± 10.00 | 40.00 ± 0.00 | 55.00 ± 5.00 | ±12.42 | -10.00% | 10.00% | 1,100 | 1 |");
    }

    [Fact]
    public void RunsCsvHasOneFullPrecisionRowPerRun()
    {
        var path = Path.Combine(temp.Path, "runs.csv");
        ResultFiles.WriteRunsCsv(path, Made.Runs(), Precision.Fp32);
        var lines = File.ReadAllLines(path);

        lines[0].Should().Be("part,backbone,width,task_count,layout,kind,budget,regime,layers,seed,accuracy_a,accuracy_b,mean_accuracy,task_specific_share,total_parameters,training_seconds,precision");
        lines.Should().HaveCount(1 + 7);
        lines[1].Should().Be("budgets,resnet18,8,2,independent,independent,,shared-bn,,0,0.8,0.5,0.65,1,2000,2.00,fp32");
        lines[5].Should().Be("budgets,resnet18,8,2,bottom@10%,bottom,10%,shared-bn,2,0,0.6,0.4,0.5,0.1,1100,1.00,fp32");
        lines.Should().OnlyContain(l => l.Split(',').Length == 17);
    }

    [Fact]
    public void SummaryCsvHasMeanStdAndDeltaPerLayout()
    {
        var path = Path.Combine(temp.Path, "summary.csv");
        ResultFiles.WriteSummaryCsv(path, ArmSummary.FromRuns(Made.Runs()), Precision.Parse("bf16"));
        var lines = File.ReadAllLines(path);

        lines[0].Should().Be("part,backbone,width,task_count,layout,kind,budget,regime,layers,seeds,accuracy_a_mean,accuracy_a_std,accuracy_b_mean,accuracy_b_std,mean_accuracy,mean_accuracy_std,mean_accuracy_ci95,delta_mtl,task_specific_share,total_parameters,training_seconds,precision");
        lines.Should().HaveCount(1 + 3);
        lines.Should().OnlyContain(l => l.Split(',').Length == 22);
        lines.Skip(1).Should().OnlyContain(l => l.EndsWith(",bf16", StringComparison.Ordinal));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[4]);
        rows["independent"][17].Should().Be("0");
        Number(rows["shared"][17]).Should().BeApproximately(0.1, 1e-12);
        Number(rows["bottom@10%"][10]).Should().BeApproximately(0.7, 1e-12);
        Number(rows["bottom@10%"][11]).Should().BeApproximately(0.1, 1e-12);
        Number(rows["bottom@10%"][16]).Should().BeApproximately(4.303 * 0.05 / Math.Sqrt(3), 1e-12);
        rows["bottom@10%"][8].Should().Be("2");
        rows["bottom@10%"][9].Should().Be("3");
    }

    [Fact]
    public void SummaryCsvLeavesDeltaEmptyWithoutIndependent()
    {
        var path = Path.Combine(temp.Path, "summary.csv");
        var runs = Made.Runs().Where(r => r.Arm.Kind != ArmKind.Independent).ToList();
        ResultFiles.WriteSummaryCsv(path, ArmSummary.FromRuns(runs), Precision.Fp32);

        File.ReadAllLines(path).Skip(1).Should().OnlyContain(l => l.Split(',')[17] == "");
    }

    [Fact]
    public void CsvDoesNotDependOnTheCulture()
    {
        var path = Path.Combine(temp.Path, "runs.csv");
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            ResultFiles.WriteRunsCsv(path, [Made.Run(Made.Top(0.025), 0, 0.5, 0.25, 0.03, 1000, seconds: 1.5, layers: 1)], Precision.Fp32);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        File.ReadAllLines(path)[1].Should().Be("budgets,resnet18,8,2,top@2.5%,top,2.5%,shared-bn,1,0,0.5,0.25,0.375,0.03,1000,1.50,fp32");
    }

    private static string Markdown() => ResultFiles.Markdown(ArmSummary.FromRuns(Made.Runs()));

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
