using Microsoft.Extensions.Logging;
using MtlSharing.Plans;
using MtlSharing.Selectors;
using TorchSharp.Modules;

namespace MtlSharing.Tests;

/// <summary>Ways of addressing layers, and the plan options.</summary>
public sealed class SelectorAndOptionTests
{
    [Theory]
    [InlineData("path", new[] { "block1.conv2" })]
    [InlineData("prefix", new[] { "block1" })]
    [InlineData("glob", new[] { "block1.bn1", "block1.bn2" })]
    [InlineData("type", new[] { "stem.0", "block1.conv1", "block1.conv2", "block2.0" })]
    [InlineData("block", new[] { "block2" })]
    [InlineData("blocks", new[] { "stem", "block1" })]
    public void Selectors_name_the_expected_layers(string kind, string[] expected)
    {
        using var backbone = new TinyNet();
        var selector = kind switch
        {
            "path" => LayerSelector.Path("block1.conv2"),
            "prefix" => LayerSelector.Prefix("block1"),
            "glob" => LayerSelector.Glob("*.bn*"),
            "type" => LayerSelector.OfType<Conv2d>(),
            "block" => LayerSelector.Block(2),
            _ => LayerSelector.Blocks(0, 1),
        };
        using var model = Fixtures.Plan().PerTask(selector).Apply(backbone);
        model.Switches.Select(s => s.Path).Should().Equal(expected);
    }

    [Fact]
    public void Glob_stars_cross_dots()
    {
        using var backbone = new TinyNet();
        using var model = Fixtures.Plan().PerTask("*1").Apply(backbone);
        model.Switches.Select(s => s.Path).Should().Equal("stem.1", "block1", "block2.1", "pool.1");
    }

    [Fact]
    public void Per_task_batch_norm_adds_copies_inside_shared_layers_only()
    {
        using var backbone = new TinyNet();
        var plan = Fixtures.Plan().PerTask("block1").With(new SharingPlanOptions { PerTaskBatchNorm = true });
        using var model = plan.Apply(backbone);
        model.Switches.Select(s => s.Path).Should().Equal("stem.1", "block1", "block2.1");
    }

    [Fact]
    public void Fresh_copies_are_reinitialised_and_differ_from_the_backbone()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var backbone = new TinyNet();
        var original = backbone.state_dict()["stem.0.weight"].clone();
        using var model = Fixtures.Plan().PerTask("stem").With(new SharingPlanOptions { CopyInitialisation = CopyInitialisation.Fresh }).Apply(backbone);
        var copies = Fixtures.Tasks.Select(t => model.Switches[0].BranchFor(t).state_dict()["0.weight"]).ToList();
        copies.Should().OnlyContain(c => !c.allclose(original, 0, 0));
        copies[0].allclose(copies[1], 0, 0).Should().BeFalse("each copy draws its own initial weights");
        var bound = Math.Sqrt(1.0 / 27);    // kaiming_uniform(a=√5) on fan_in 3·3·3 gives bound 1/√fan_in
        copies.Should().OnlyContain(c => c.abs().max().ToSingle() <= bound + 1e-6);
    }

    [Fact]
    public void The_logger_receives_a_summary_of_the_plan()
    {
        var logger = new ListLogger();
        using var model = Fixtures.Plan().PerTask("stem").With(new SharingPlanOptions { Logger = logger }).Apply(new TinyNet());
        logger.Messages.Should().ContainSingle().Which.Should()
            .Contain("3 tasks (birds, cars, aircraft)").And.Contain("stem: per task").And.Contain("1,092 in all");
    }

    [Fact]
    public void Layers_that_are_not_single_tensor_modules_cannot_be_switched()
    {
        using var backbone = new TinyNet();
        var act = () => Fixtures.Plan().PerTask(LayerSelector.Where(m => m is ModuleDict<nn.Module<Tensor, Tensor>>, "dict")).Apply(backbone);
        act.Should().Throw<ArgumentException>().WithMessage("*no layer is a dict*");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
