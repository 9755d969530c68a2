using static MtlSharing.Torch.Tests.Optim.OptimTestData;

namespace MtlSharing.Torch.Tests.Optim;

public sealed class StepMemoryTests
{
    public static TheoryData<string> Optimizers => ["sgd", "adam", "adamw"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Thousands_of_steps_leave_no_tensors_behind(string name)
    {
        using var scope = NewDisposeScope();
        using var p = Param(1.0, -2.0, 3.0);
        using var optimizer = name switch
        {
            "sgd" => (optim.Optimizer)optim.SGD([p], lr: 1e-3, momentum: 0.9, nesterov: true, weight_decay: 0.1, maximize: true),
            "adam" => optim.Adam([p], lr: 1e-3, amsgrad: true, weight_decay: 0.1, maximize: true),
            _ => optim.AdamW([p], lr: 1e-3, amsgrad: true),
        };
        SetGrad(p, [0.5, -0.25, 1.0]);
        optimizer.step();
        var stateBefore = optimizer.state_dict().Count;
        var before = scope.Count;

        for (var i = 0; i < 3000; i++)
        {
            optimizer.step();
        }

        scope.Count.Should().Be(before);
        optimizer.state_dict().Count.Should().Be(stateBefore);
        Values(p).Should().NotEqual([1.0, -2.0, 3.0]);
    }
}
