using TorchSharp;

namespace RethinkingSharing.Tests;

/// <summary>The values of --autocast and what each asks of the trainer.</summary>
public sealed class PrecisionTests
{
    [Theory]
    [InlineData("fp32", "fp32", null)]
    [InlineData("bf16", "bf16", torch.ScalarType.BFloat16)]
    [InlineData(" BF16 ", "bf16", torch.ScalarType.BFloat16)]
    public void Values_parse_to_a_name_and_an_autocast_type(string text, string name, torch.ScalarType? autocast)
    {
        var precision = Precision.Parse(text);

        precision.Name.Should().Be(name);
        precision.Autocast.Should().Be(autocast);
    }

    [Theory]
    [InlineData("fp16")]
    [InlineData("")]
    [InlineData("bfloat16")]
    public void Other_values_are_refused_naming_the_valid_ones(string text)
    {
        var act = () => Precision.Parse(text);

        act.Should().Throw<ArgumentException>().WithMessage($"unknown --autocast value '{text}'; valid values are fp32, bf16");
    }

    [Fact]
    public void The_default_is_fp32()
    {
        new StudyOptions { Parts = ["budgets"], Tasks = ["a"], Layouts = [ArmKind.Shared], Budgets = [BudgetPoint.Share(0.1)], Regimes = [NormRegime.AsLayout], Seeds = 1, Epochs = 1, Backbone = "resnet18", Width = 4, TrainPerTask = 1, TestPerTask = 1, Out = "x", Threads = 1 }
            .Precision.Should().Be(Precision.Fp32);
    }

    [Theory]
    [InlineData("fp32", new[] { "fp32" })]
    [InlineData("bf16", new[] { "bf16" })]
    [InlineData("bf16,fp32", new[] { "fp32", "bf16" })]
    [InlineData("FP32, bf16 ,fp32", new[] { "fp32", "bf16" })]
    public void ListsParseToEachPrecisionOnceFloat32First(string text, string[] names) =>
        Precision.ParseList(text).Select(p => p.Name).Should().Equal(names);

    [Fact]
    public void ListsWithAnUnknownValueAreRefused()
    {
        var act = () => Precision.ParseList("fp32,fp16");

        act.Should().Throw<ArgumentException>().WithMessage("unknown --autocast value 'fp16'; valid values are fp32, bf16");
    }
}
