namespace MtlSharing.Torch.Tests.Errors;

/// <summary>Checks that the engine still computes correctly after an error was thrown.</summary>
internal static class EngineHealth
{
    public static void AssertStillWorks()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        var y = ((x * x) + 1).sum();
        y.item<float>().Should().Be(17f);
        y.backward();
        x.grad!.ToArray<float>().Should().Equal(2f, 4f, 6f);
    }
}
