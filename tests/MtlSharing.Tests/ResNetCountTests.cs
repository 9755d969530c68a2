using MtlSharing.Backbones;
using MtlSharing.Plans;

namespace MtlSharing.Tests;

/// <summary>
/// The SharingPlan issue's worked example: three tasks on a headless ResNet-18 with the
/// small-image stem (3×3 stride-1 conv, no max-pool), a Linear(512, 10) head per task.
/// Derivation: torchvision's resnet18 has 11,689,512 parameters; its fc is 512·1000 + 1000 =
/// 513,000 and its 7×7 stem conv 7·7·3·64 = 9,408, replaced by 3·3·3·64 = 1,728, so the headless
/// small-stem backbone has 11,689,512 − 513,000 − 9,408 + 1,728 = 11,168,832. A head is
/// 512·10 + 10 = 5,130. The stem block (conv1 1,728 + bn1 128) is 1,856.
/// </summary>
public sealed class ResNetCountTests
{
    private const long Backbone18 = 11_168_832;
    private const long HeadSize = 5_130;
    private const long StemBlock = 1_856;

    [Fact]
    public void Fully_shared_three_task_resnet18()
    {
        var report = Describe(SharingPresets.FullyShared(Fixtures.Tasks, Head));
        report.Total.Should().Be(11_184_222).And.Be(Backbone18 + (3 * HeadSize));
        report.Independent.Should().Be(33_521_886).And.Be(3 * (Backbone18 + HeadSize));
    }

    [Fact]
    public void Bottom_specific_one_block_three_task_resnet18()
    {
        var report = Describe(SharingPresets.BottomSpecific(Fixtures.Tasks, Head, 1));
        report.Total.Should().Be(11_187_934).And.Be(Backbone18 + (2 * StemBlock) + (3 * HeadSize));
        report.Layers.Where(l => l.Mode == SharingMode.PerTask).Select(l => l.Path).Should().Equal("conv1", "bn1");
    }

    [Fact]
    public void Independent_three_task_resnet18()
    {
        var report = Describe(SharingPresets.Independent(Fixtures.Tasks, Head));
        report.Total.Should().Be(33_521_886);
        report.Shared.Should().Be(0);
        report.TaskSpecificShare.Should().Be(1.0);
    }

    [Fact]
    public void Applied_model_holds_exactly_the_reported_parameters()
    {
        using var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        using var model = SharingPresets.BottomSpecific(Fixtures.Tasks, Head, 1).Apply(backbone);
        model.parameters().Sum(p => p.numel()).Should().Be(11_187_934);
        model.Report().Total.Should().Be(11_187_934);
    }

    private static nn.Module<Tensor, Tensor> Head(string task) => nn.Linear(512, 10);

    private static Reports.ParameterReport Describe(SharingPlan plan)
    {
        using var backbone = Backbone.ResNet18(new ResNetOptions { Stem = Stem.SmallImage, Classes = null });
        return plan.Describe(backbone);
    }
}
