#region engine-basics
using MtlSharing.Torch;
using static MtlSharing.Torch.torch;
#endregion

namespace MtlSharing.Docs.Tests.Examples;

/// <summary>docs/coming-from-torchsharp.md: tensors, autograd and dispose scopes read as in TorchSharp.</summary>
public sealed class EngineExample
{
    [Fact]
    public void Tensors_autograd_and_scopes()
    {
        #region engine-basics
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();            // disposes every tensor made inside
        var x = torch.randn([128, 1, 28, 28]);
        var w = torch.randn([32, 1, 3, 3], requires_grad: true);
        var y = nn.functional.relu(nn.functional.conv2d(x, w, padding: [1]));
        var loss = y.mean();
        loss.backward();
        Console.WriteLine(string.Join(", ", w.grad!.shape));   // 32, 1, 3, 3
        #endregion

        y.shape.Should().Equal(128, 32, 28, 28);
        w.grad!.shape.Should().Equal(32, 1, 3, 3);
        w.grad!.abs().sum().item<float>().Should().BeGreaterThan(0);
    }
}
