using MtlSharing.Backbones;

namespace MtlSharing.Compare.Tests;

public sealed class CompareOptionsTests
{
    [Fact]
    public void Defaults_match_the_PyTorch_side()
    {
        var options = CompareOptions.Parse([]);

        options.Layouts.Should().Equal("shared");
        options.Modes.Should().Equal(BenchMode.Loop);
        (options.Tasks, options.Batch, options.Classes, options.Steps, options.Warmup)
            .Should().Be((4, 32, 10, 10, 3));
    }

    [Fact]
    public void Reads_the_memory_format_which_defaults_to_contiguous()
    {
        CompareOptions.Parse([]).Format.Should().Be(memory_format.contiguous_format);
        CompareOptions.Parse(["--memory-format", "channels-last"]).Format.Should().Be(memory_format.channels_last);
    }

    [Fact]
    public void The_network_defaults_to_the_small_image_stem_at_32()
    {
        var options = CompareOptions.Parse([]);

        (options.Stem, options.ImageSize).Should().Be((Stem.SmallImage, 32));
    }

    [Theory]
    [InlineData("standard", "64", Stem.ImageNet, 64)]
    [InlineData("standard", "32", Stem.ImageNet, 32)]
    [InlineData("small", "48", Stem.SmallImage, 48)]
    public void Reads_the_stem_and_the_image_size(string stem, string size, Stem expected, int expectedSize)
    {
        var options = CompareOptions.Parse(["--stem", stem, "--image-size", size]);

        (options.Stem, options.ImageSize).Should().Be((expected, expectedSize));
    }

    [Fact]
    public void Result_lines_name_the_stem_and_the_image_size()
    {
        var options = CompareOptions.Parse(["--stem", "standard", "--image-size", "64"]);

        var line = new ResultLine(options, "shared", BenchMode.Params).ToString();

        line.Should().Contain("\"stem\":\"standard\"").And.Contain("\"image_size\":64");
    }

    [Fact]
    public void The_side_defaults_to_MtlSharing_and_the_hand_written_side_runs_the_per_task_loop()
    {
        CompareOptions.Parse([]).Side.Should().Be(Side.MtlSharing);
        var options = CompareOptions.Parse(["--side", "hand-written", "--modes", "params,loop,bf16-loop"]);

        options.Side.Should().Be(Side.HandWritten);
        options.Side.Framework.Should().Be("handwritten");
    }

    [Theory]
    [InlineData("batched")]
    [InlineData("inference")]
    [InlineData("peak")]
    public void The_hand_written_side_refuses_modes_it_does_not_run(string mode)
    {
        var parse = () => CompareOptions.Parse(["--side", "hand-written", "--modes", mode]);

        parse.Should().Throw<UsageException>().WithMessage($"the hand-written side runs the modes params, loop, bf16-loop; got '{mode}'");
    }

    [Fact]
    public void Reads_comma_separated_lists()
    {
        var options = CompareOptions.Parse(["--layout", "bottom:2, top:1,shared", "--modes", "loop,bf16-batched,inference", "--threads", "2"]);

        options.Layouts.Should().Equal("bottom:2", "top:1", "shared");
        options.Modes.Should().Equal(BenchMode.Loop, BenchMode.Bf16Batched, BenchMode.Inference);
        options.Threads.Should().Be(2);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps must be an integer of at least 1; got '0'")]
    [InlineData("--batch", "x", "--batch must be an integer of at least 1; got 'x'")]
    [InlineData("--warmup", "-1", "--warmup must be an integer of at least 0; got '-1'")]
    [InlineData("--modes", "loop,fast", "unknown mode 'fast'; valid modes are params, loop, batched, bf16-loop, bf16-batched, inference, peak")]
    [InlineData("--layout", ",", "--layout and --modes need at least one entry; *")]
    [InlineData("--size", "3", "unknown option '--size'; *")]
    [InlineData("--memory-format", "nhwc", "--memory-format must be contiguous or channels-last; got 'nhwc'")]
    [InlineData("--side", "pytorch", "--side must be mtlsharing, hand-written or paired; got 'pytorch'")]
    [InlineData("--stem", "imagenet", "--stem must be small or standard; got 'imagenet'")]
    [InlineData("--image-size", "31", "--image-size must be an integer of at least 32 (*); got '31'")]
    [InlineData("--image-size", "64px", "--image-size must be an integer of at least 32 (*); got '64px'")]
    public void Rejects_bad_values_with_what_is_valid(string option, string value, string message)
    {
        var parse = () => CompareOptions.Parse([option, value]);

        parse.Should().Throw<UsageException>().WithMessage(message);
    }

    [Fact]
    public void Rejects_an_option_without_its_value()
    {
        var parse = () => CompareOptions.Parse(["--steps"]);

        parse.Should().Throw<UsageException>().WithMessage("option --steps needs a value; *");
    }

    [Theory]
    [InlineData("bf16-loop", 0, 3)]
    [InlineData("bf16-batched", 5, 5)]
    [InlineData("loop", 0, 0)]
    [InlineData("batched", 2, 2)]
    public void Bf16_modes_warm_up_at_least_three_steps(string mode, int asked, int expected)
    {
        BenchMode.Parse(mode).WarmupSteps(asked).Should().Be(expected);
    }
}
