using TorchSharp.Modules;

namespace MtlSharing.Tests.Modules;

/// <summary>Returns its input and counts the calls: shows whether a parent's forward reaches it.</summary>
internal sealed class CallCounter() : nn.Module<Tensor, Tensor>(nameof(CallCounter))
{
    public int Calls { get; private set; }

    public override Tensor forward(Tensor input)
    {
        Calls++;
        return input.alias();
    }
}

/// <summary>A user-style module that keeps its children in a ModuleList and a ModuleDict.</summary>
internal sealed class ContainerNet : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> list;
    private readonly ModuleDict<nn.Module<Tensor, Tensor>> dict;

    public ContainerNet()
        : base(nameof(ContainerNet))
    {
        list = nn.ModuleList<nn.Module<Tensor, Tensor>>(nn.Linear(4, 4), nn.Linear(4, 4));
        dict = new ModuleDict<nn.Module<Tensor, Tensor>> { { "first", nn.Linear(4, 4) }, { "second", nn.Linear(4, 4) } };
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in list)
        {
            x = layer.call(x);
        }

        return dict["second"].call(dict["first"].call(x));
    }
}

/// <summary>One Linear registered under two names: the same module held twice.</summary>
internal sealed class SharedTwice : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> a;
    private readonly nn.Module<Tensor, Tensor> b;

    public SharedTwice()
        : base(nameof(SharedTwice))
    {
        a = nn.Linear(4, 4);
        b = a;
        register_module("a", a);
        register_module("b", b);
    }

    public override Tensor forward(Tensor input) => b.call(a.call(input));
}

/// <summary>Calls its child through a lambda that captured it.</summary>
internal sealed class CapturingNet : nn.Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> run;

    public CapturingNet()
        : base(nameof(CapturingNet))
    {
        var inner = nn.Linear(4, 4);
        register_module("inner", inner);
        run = x => inner.call(x);
    }

    public override Tensor forward(Tensor input) => run(input);
}
