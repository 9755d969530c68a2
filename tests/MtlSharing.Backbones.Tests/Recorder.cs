namespace MtlSharing.Backbones.Tests;

/// <summary>Stands in for a task switch: wraps a module, counts the calls and delegates to it.</summary>
internal sealed class Recorder : nn.Module<Tensor, Tensor>
{
    private nn.Module<Tensor, Tensor> inner;

    public Recorder(nn.Module<Tensor, Tensor> inner)
        : base(nameof(Recorder))
    {
        this.inner = inner;
        RegisterComponents();
    }

    public int Calls { get; private set; }

    public override Tensor forward(Tensor input)
    {
        Calls++;
        return inner.call(input);
    }
}
