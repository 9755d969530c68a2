using System.Text.RegularExpressions;

namespace MtlSharing.Packaging.Tests;

/// <summary>
/// What a stranger does with the packages: a console project outside the repository, MtlSharing
/// packages from the local feed only, TorchSharp-cpu as the backend, TorchVision's ResNet-18 with
/// layer1 per task, two training steps, the parameter report, a distributed world of one (see
/// <see cref="ConsumerProgram"/>).
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed partial class ConsumerTests(PackedFeed feed)
{
    private ConsumerProject Consumer => feed.Consumer;

    /// <summary>
    /// Every number worked out by hand. ResNet-18 without fc: conv1 7·7·3·64 = 9,408 and bn1 2·64 = 128;
    /// layer1 two BasicBlocks of two 3·3·64·64 = 36,864 convolutions and two 128 BatchNorms:
    /// 4·36,864 + 4·128 = 147,968; layer2 73,728 + 3·147,456 + 8,192 + 5·256 = 525,568; layer3
    /// 294,912 + 3·589,824 + 32,768 + 5·512 = 2,099,712; layer4 1,179,648 + 3·2,359,296 + 131,072 +
    /// 5·1,024 = 8,393,728; together 11,176,512. A head Linear(512, 3): 512·3 + 3 = 1,539.
    /// </summary>
    [Fact]
    public void A_fresh_console_project_builds_trains_and_reports_from_the_packages_alone()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());

        var run = Consumer.Run();

        run.ExitCode.Should().Be(0, run.Describe());
        Lines(run.Output).Should().Equal(
            "steps: 2",
            "changed by training: backbone.layer1.0.tasks.a.conv1.weight: True",   // step 1 is task a (round robin)
            "changed by training: backbone.layer1.0.tasks.b.conv1.weight: True",   // step 2 is task b
            "changed by training: backbone.conv1.weight: True",                    // shared: both steps
            "b samples counted: 4",
            "layer type mode copies per copy total",
            "conv1 Conv2d shared 1 9,408 9,408",                                  // 7·7·3·64
            "bn1 BatchNorm2d shared 1 128 128",                                   // 2·64
            "layer1.0.conv1 Conv2d per task 2 36,864 73,728",                     // 3·3·64·64, two tasks
            "layer1.0.bn1 BatchNorm2d per task 2 128 256",
            "layer1.0.conv2 Conv2d per task 2 36,864 73,728",
            "layer1.0.bn2 BatchNorm2d per task 2 128 256",
            "layer1.1.conv1 Conv2d per task 2 36,864 73,728",
            "layer1.1.bn1 BatchNorm2d per task 2 128 256",
            "layer1.1.conv2 Conv2d per task 2 36,864 73,728",
            "layer1.1.bn2 BatchNorm2d per task 2 128 256",
            "layer2.0.conv1 Conv2d shared 1 73,728 73,728",                       // 3·3·64·128
            "layer2.0.bn1 BatchNorm2d shared 1 256 256",                          // 2·128
            "layer2.0.conv2 Conv2d shared 1 147,456 147,456",                     // 3·3·128·128
            "layer2.0.bn2 BatchNorm2d shared 1 256 256",
            "layer2.0.downsample.0 Conv2d shared 1 8,192 8,192",                  // 1·1·64·128
            "layer2.0.downsample.1 BatchNorm2d shared 1 256 256",
            "layer2.1.conv1 Conv2d shared 1 147,456 147,456",
            "layer2.1.bn1 BatchNorm2d shared 1 256 256",
            "layer2.1.conv2 Conv2d shared 1 147,456 147,456",
            "layer2.1.bn2 BatchNorm2d shared 1 256 256",
            "layer3.0.conv1 Conv2d shared 1 294,912 294,912",                     // 3·3·128·256
            "layer3.0.bn1 BatchNorm2d shared 1 512 512",                          // 2·256
            "layer3.0.conv2 Conv2d shared 1 589,824 589,824",                     // 3·3·256·256
            "layer3.0.bn2 BatchNorm2d shared 1 512 512",
            "layer3.0.downsample.0 Conv2d shared 1 32,768 32,768",                // 1·1·128·256
            "layer3.0.downsample.1 BatchNorm2d shared 1 512 512",
            "layer3.1.conv1 Conv2d shared 1 589,824 589,824",
            "layer3.1.bn1 BatchNorm2d shared 1 512 512",
            "layer3.1.conv2 Conv2d shared 1 589,824 589,824",
            "layer3.1.bn2 BatchNorm2d shared 1 512 512",
            "layer4.0.conv1 Conv2d shared 1 1,179,648 1,179,648",                 // 3·3·256·512
            "layer4.0.bn1 BatchNorm2d shared 1 1,024 1,024",                      // 2·512
            "layer4.0.conv2 Conv2d shared 1 2,359,296 2,359,296",                 // 3·3·512·512
            "layer4.0.bn2 BatchNorm2d shared 1 1,024 1,024",
            "layer4.0.downsample.0 Conv2d shared 1 131,072 131,072",              // 1·1·256·512
            "layer4.0.downsample.1 BatchNorm2d shared 1 1,024 1,024",
            "layer4.1.conv1 Conv2d shared 1 2,359,296 2,359,296",
            "layer4.1.bn1 BatchNorm2d shared 1 1,024 1,024",
            "layer4.1.conv2 Conv2d shared 1 2,359,296 2,359,296",
            "layer4.1.bn2 BatchNorm2d shared 1 1,024 1,024",
            "head[a] head task head 1 1,539 1,539",                               // 512·3 + 3
            "head[b] head task head 1 1,539 1,539",
            "shared: 11,028,544",                                                 // 11,176,512 − 147,968
            "task a: uses 11,178,051, owns 149,507, group copies 0, attributed 149,507", // 11,176,512 + 1,539; 147,968 + 1,539
            "task b: uses 11,178,051, owns 149,507, group copies 0, attributed 149,507",
            "model: 11,327,558",                                                  // 11,028,544 + 2·149,507
            "2 independent models: 22,356,102 (this model is 50.7 % of that)",    // 2·11,178,051; 11,327,558 / 22,356,102 = 0.5067
            "task-specific share: 2.64 %",                                        // 2·149,507 / 11,327,558 = 0.02640
            "bytes at float32: 45,310,232",                                       // 4·11,327,558
            "Backbone.ResNet18 without a classifier: 11176512",                   // the same network, from MtlSharing.Backbones
            "distributed world: 1 process, MPI: False");                         // not started by mpirun
    }

    [Fact]
    public void Every_MtlSharing_package_came_from_the_local_feed_and_libtorch_was_not_fetched_again()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());
        var packages = feed.NuGet.PackagesFolder;

        foreach (var id in Repository.Packages)
        {
            var metadata = Path.Combine(packages, id.ToLowerInvariant(), Repository.Version, ".nupkg.metadata");
            File.Exists(metadata).Should().BeTrue($"{id} was restored into the private packages folder {packages}");
            File.ReadAllText(metadata).Should().Contain(JsonString(feed.Folder), $"{id} came from the local feed");
        }

        Directory.GetDirectories(packages).Select(Path.GetFileName).Should()
            .NotContain(name => name!.StartsWith("libtorch", StringComparison.Ordinal) || name.StartsWith("torchsharp", StringComparison.Ordinal),
                $"TorchSharp and libtorch are read in place from the machine's packages folder {feed.NuGet.MachinePackagesFolder}");
        Directory.GetFiles(Consumer.OutputFolder, "*torch_cpu.*", SearchOption.AllDirectories).Should().NotBeEmpty("libtorch reached the output all the same");
    }

    [Fact]
    public void The_MPI_shim_reaches_the_consumer_output_from_the_Distributed_package()
    {
        feed.ConsumerBuild.ExitCode.Should().Be(0, feed.ConsumerBuild.Describe());
        var shim = Path.Combine(Consumer.OutputFolder, "runtimes", "linux-x64", "native", "libmtlsharing_mpi.so");

        File.Exists(shim).Should().BeTrue("a program started by mpirun loads the shim from there");
        File.ReadAllBytes(shim).Should().Equal(
            File.ReadAllBytes(Path.Combine(feed.NuGet.PackagesFolder, "mtlsharing.distributed", Repository.Version, "runtimes", "linux-x64", "native", "libmtlsharing_mpi.so")));
    }

    private static List<string> Lines(string text) => text.Split('\n')
        .Select(line => Spaces().Replace(line.Trim(), " "))
        .Where(line => line.Length > 0)
        .ToList();

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
