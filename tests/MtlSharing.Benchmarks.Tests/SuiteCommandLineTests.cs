namespace MtlSharing.Benchmarks.Tests;

public sealed class SuiteCommandLineTests
{
    [Fact]
    public void ShortSelectsTheSuiteTheShortMatrixAndTheShortJob()
    {
        var commandLine = SuiteCommandLine.Parse(["--short"]);

        commandLine.Matrix.Should().Be(SuiteMatrix.Short);
        commandLine.Job.Should().BeSameAs(SuiteConfig.ShortJob);
        commandLine.BenchmarkArguments.Should().Equal("--filter", "*LayoutSharingBenchmarks*");
    }

    [Fact]
    public void FullKeepsAGivenFilterAndOtherArguments()
    {
        var commandLine = SuiteCommandLine.Parse(["--filter", "*Training*", "--full", "--memory"]);

        commandLine.Matrix.Should().Be(SuiteMatrix.Full);
        commandLine.Job.Should().BeSameAs(SuiteConfig.FullJob);
        commandLine.BenchmarkArguments.Should().Equal("--filter", "*Training*", "--memory");
    }

    [Fact]
    public void WithoutSuiteOptionsEverythingPassesThroughWithTheShortMatrixAndNoJob()
    {
        var commandLine = SuiteCommandLine.Parse(["--filter", "*RoutingOverhead*", "--job", "short"]);

        commandLine.Matrix.Should().Be(SuiteMatrix.Short);
        commandLine.Job.Should().BeNull();
        commandLine.BenchmarkArguments.Should().Equal("--filter", "*RoutingOverhead*", "--job", "short");
    }

    [Theory]
    [InlineData("-f")]
    [InlineData("--filter=*Inference*")]
    public void OtherSpellingsOfFilterCountAsAFilter(string filter)
    {
        SuiteCommandLine.Parse(["--short", filter]).BenchmarkArguments.Should().Equal(filter);
    }

    [Fact]
    public void ShortAndFullTogetherAreRefused()
    {
        var parse = () => SuiteCommandLine.Parse(["--short", "--full"]);

        parse.Should().Throw<ArgumentException>().WithMessage("*--short or --full, not both*");
    }
}
