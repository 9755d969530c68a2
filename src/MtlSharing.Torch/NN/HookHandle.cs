namespace MtlSharing.Torch.Modules;

/// <summary>Removes a forward hook from the module it was registered on; disposing it does the same.</summary>
public sealed class HookHandle : IDisposable
{
    private readonly List<Delegate> hooks;
    private Delegate? hook;

    internal HookHandle(List<Delegate> hooks, Delegate hook)
    {
        this.hooks = hooks;
        this.hook = hook;
    }

    /// <summary>Removes the hook; later calls do nothing.</summary>
    public void remove()
    {
        if (hook is not null)
        {
            var index = hooks.FindLastIndex(h => ReferenceEquals(h, hook));
            if (index >= 0)
            {
                hooks.RemoveAt(index);
            }

            hook = null;
        }
    }

    /// <summary>Removes the hook.</summary>
    public void Dispose() => remove();
}
