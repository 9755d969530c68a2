using System.Text;
using System.Text.RegularExpressions;

namespace MtlSharing.Packaging.Tests;

/// <summary>
/// What a stranger does with the packages: a console project outside the solution, packages
/// from the local feed only, a backbone of its own, a plan, two training steps, the parameter
/// report. The numbers are worked out by hand for the consumer's backbone (see ConsumerProject):
/// conv 1·4·3·3 + 4 = 40 parameters, per task; fc 64·8 + 8 = 520, shared; heads 8·3 + 3 = 27
/// (digits), 8·5 + 5 = 45 (letters) and 8·2 + 2 = 18 (shapes).
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsumerTests(PackedFeed feed)
{
    private ConsumerProject Consumer => feed.Consumer;

    [Fact]
    public void A_fresh_console_project_builds_trains_and_reports_from_the_packages_alone()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());

        var run = Consumer.Run();
        run.ExitCode.Should().Be(0, run.Describe());
        Lines(run.Output).Should().Equal(
            "steps: 2",
            "letters samples counted: 8",
            "layer type mode copies per copy total",
            "conv Conv2d per task 3 40 120",
            "fc Linear shared 1 520 520",
            "head[digits] head task head 1 27 27",
            "head[letters] head task head 1 45 45",
            "head[shapes] head task head 1 18 18",
            "shared: 520",
            "task digits: uses 587, owns 67, group copies 0, attributed 67",      // 40 + 520 + 27; 40 + 27
            "task letters: uses 605, owns 85, group copies 0, attributed 85",     // 40 + 520 + 45; 40 + 45
            "task shapes: uses 578, owns 58, group copies 0, attributed 58",      // 40 + 520 + 18; 40 + 18
            "model: 730",                                                         // 3·40 + 520 + 27 + 45 + 18
            "3 independent models: 1,770 (this model is 41.2 % of that)",         // 3·(40 + 520) + 90; 730 / 1770
            "task-specific share: 28.77 %",                                       // (730 − 520) / 730
            "bytes at float32: 2,920",                                            // 730 · 4
            "mlp parameters: 23");                                                // 4·3 + 3 + 3·2 + 2
    }

    [Fact]
    public void Every_MtlSharing_package_came_from_the_local_feed()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());

        foreach (var id in Repository.Packages)
        {
            var metadata = Path.Combine(Consumer.PackagesFolder, id.ToLowerInvariant(), Repository.Version, ".nupkg.metadata");
            File.Exists(metadata).Should().BeTrue($"{id} was restored");
            File.ReadAllText(metadata).Should().Contain(JsonString(feed.Folder), $"{id} came from the local feed");
        }
    }

    [Fact]
    public void Without_libtorch_the_program_fails_with_one_clear_exception()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());
        var output = Consumer.CopyOutput("without-libtorch");
        var shim = Path.Combine(output, "runtimes", "linux-x64", "native", "libmtlshim.so");
        HideLibtorch(shim);

        var run = Consumer.Run(output);

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("Unhandled exception. MtlSharing.Torch.TorchNotInstalledException: libtorch is not installed")
            .And.Contain("needs libc10.so.9.99").And.Contain("sudo apt-get install libtorch1.13");
        run.Error.Should().NotContain("TypeInitializationException");
        run.Output.Should().BeEmpty();
    }

    /// <summary>Makes the shim depend on libc10.so.9.99, which no machine has (same length, so the ELF file stays valid).</summary>
    private static void HideLibtorch(string shim)
    {
        var bytes = File.ReadAllBytes(shim);
        var from = Encoding.ASCII.GetBytes("libc10.so.1.13\0");
        var at = bytes.AsSpan().IndexOf(from);
        at.Should().BeGreaterThan(0, "the shim depends on libc10.so.1.13");
        Encoding.ASCII.GetBytes("libc10.so.9.99\0").CopyTo(bytes, at);
        File.WriteAllBytes(shim, bytes);
    }

    private static List<string> Lines(string text) => text.Split('\n')
        .Select(line => Regex.Replace(line.Trim(), " {2,}", " "))
        .Where(line => line.Length > 0)
        .ToList();

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
