using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            private List<Delegate> forwardPreHooks = [];
            private List<Delegate> forwardHooks = [];

            /// <summary>The forward pre-hooks, in registration order.</summary>
            internal IReadOnlyList<Delegate> ForwardPreHooks => forwardPreHooks;

            /// <summary>The forward hooks, in registration order.</summary>
            internal IReadOnlyList<Delegate> ForwardHooks => forwardHooks;

            /// <summary>Whether any forward hook or pre-hook is registered.</summary>
            internal bool HasHooks => forwardPreHooks.Count > 0 || forwardHooks.Count > 0;

            /// <summary>Adds a hook to the pre-hooks (or the hooks) and returns its handle.</summary>
            internal HookHandle AddHook(Delegate hook, bool pre)
            {
                ArgumentNullException.ThrowIfNull(hook);
                var list = pre ? forwardPreHooks : forwardHooks;
                list.Add(hook);
                return new HookHandle(list, hook);
            }
        }
    }
}
