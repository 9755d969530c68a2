namespace MtlSharing.Compare.Tests;

public sealed class ModelCostsTests
{
    // By hand, one 3x32x32 image through ResNet-18 with the small-image stem: layer4.1 is two 3x3
    // convolutions of 512 -> 512 channels on a 4x4 map, 2 * 16 * 512 * 512 * 9 = 75,497,472
    // multiply-adds; the Linear(512, 10) head adds 5,120. The whole path, 555,422,720, is the count
    // PyTorch's forward hooks give (Fixtures/pytorch_params.jsonl).
    private const double Whole = 555_422_720;
    private const double Layer41 = 75_497_472;
    private const double Head = 5_120;

    [Theory]
    [InlineData("shared", 1 + (3 * Head / Whole))]
    [InlineData("top:1", 1 + (3 * (Layer41 + Head) / Whole))]
    [InlineData("bottom:1", 4.0)]
    [InlineData("independent", 4.0)]
    public void All_tasks_on_one_input_cost_the_shared_prefix_once_and_the_rest_per_task(string layout, double expected)
    {
        var options = CompareOptions.Parse(["--tasks", "4", "--classes", "10"]);
        var (model, costs) = ComparisonModel.Build(Layout.Parse(layout, 9), options, concatenateTaskBatches: true);
        using var owned = model;

        costs.ForwardPerImage.Should().Be((long)Whole);
        costs.AllTasksOverSingle(Layout.Parse(layout, 9), options.Tasks).Should().BeApproximately(expected, 1e-12);
    }
}
