#region package-torch
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;
#endregion

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>src/MtlSharing.Torch/README.md: one optimizer step, and a forward pass under autocast.</summary>
public sealed class TorchPackageExamples
{
    [Fact]
    public void One_training_step()
    {
        manual_seed(0);
        #region package-torch
        using var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2));
        using var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        using (var scope = NewDisposeScope())
        {
            var loss = nn.functional.cross_entropy(model.call(randn([16, 4])), randint(0, 2, [16]));
            loss.backward();
            optimizer.step();
        }
        #endregion

        // The same seed gives the same initial weights and batch; Adam's first step moves each
        // weight by lr · g / (|g| + eps), whatever the size of its gradient g.
        using var outer = NewDisposeScope();
        model.parameters().Sum(p => p.numel()).Should().Be((4 * 8) + 8 + (8 * 2) + 2);
        manual_seed(0);
        using var initial = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2));
        var initialLoss = nn.functional.cross_entropy(initial.call(randn([16, 4])), randint(0, 2, [16]));
        float.IsFinite(initialLoss.item<float>()).Should().BeTrue();
        initialLoss.backward();
        foreach (var (stepped, start) in model.parameters().Zip(initial.parameters()))
        {
            var gradient = start.grad!;
            var expected = start.detach() - (gradient / (gradient.abs() + 1e-8) * 0.01);
            stepped.detach().allclose(expected, atol: 1e-6).Should().BeTrue();
            stepped.detach().equal(start.detach()).Should().BeFalse();
        }
    }

    [Fact]
    public void A_forward_pass_under_autocast()
    {
        manual_seed(0);
        using var scope = NewDisposeScope();
        using var model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2));
        using var optimizer = optim.SGD(model.parameters(), 0.1);
        var inputs = randn([16, 4]);
        var labels = randint(0, 2, [16]);
        float float32Loss;
        using (no_grad())
        {
            float32Loss = nn.functional.cross_entropy(model.call(inputs), labels).item<float>();
        }

        #region package-torch-autocast
        torch.Tensor loss;
        using (torch.autocast())
        {
            loss = nn.functional.cross_entropy(model.call(inputs), labels);   // float32 loss
        }
        loss.backward();
        optimizer.step();
        #endregion

        torch.is_autocast_cpu_enabled().Should().BeFalse("disposing the scope turns autocast off");
        loss.dtype.Should().Be(ScalarType.Float32);
        loss.item<float>().Should().BeApproximately(float32Loss, 0.05f, "bfloat16 keeps about three significant digits");
        model.parameters().Should().AllSatisfy(p =>
        {
            p.dtype.Should().Be(ScalarType.Float32);
            p.grad!.dtype.Should().Be(ScalarType.Float32);
            p.grad!.abs().sum().item<float>().Should().BeGreaterThan(0);
        });
    }
}
