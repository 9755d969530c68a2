using System.Globalization;
using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>
    /// Runs its children one after another, each on the previous one's output. Children are
    /// named "0", "1", … unless names are given.
    /// </summary>
    public sealed class Sequential : nn.Module<Tensor, Tensor>
    {
        internal Sequential(IEnumerable<(string name, nn.Module<Tensor, Tensor> module)> modules)
            : base(nameof(Sequential))
        {
            foreach (var (name, module) in modules)
            {
                append(name, module);
            }
        }

        /// <summary>The number of children.</summary>
        public int Count => ChildCount;

        /// <summary>The child at a position.</summary>
        /// <param name="index">The position, from 0.</param>
        /// <returns>The child.</returns>
        public nn.Module<Tensor, Tensor> this[int index] =>
            (nn.Module<Tensor, Tensor>)ChildAt(CheckIndex(index)).Value;

        /// <summary>The child of a name.</summary>
        /// <param name="name">The name, e.g. "0".</param>
        /// <returns>The child.</returns>
        public nn.Module<Tensor, Tensor> this[string name] => (nn.Module<Tensor, Tensor>)get_submodule(name);

        internal override Type ChildType => typeof(nn.Module<Tensor, Tensor>);

        /// <summary>Adds a child at the end, named by its position.</summary>
        /// <param name="module">The child.</param>
        /// <returns>This container.</returns>
        public Sequential append(nn.Module<Tensor, Tensor> module) =>
            append(ChildCount.ToString(CultureInfo.InvariantCulture), module);

        /// <summary>Adds a named child at the end.</summary>
        /// <param name="name">The child's name.</param>
        /// <param name="module">The child.</param>
        /// <returns>This container.</returns>
        public Sequential append(string name, nn.Module<Tensor, Tensor> module)
        {
            ArgumentNullException.ThrowIfNull(module);
            if (ChildOrNull(name) is not null)
            {
                throw new ArgumentException($"Sequential already has a child named '{name}'", nameof(name));
            }

            register_module(name, module);
            return this;
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input)
        {
            var x = input;
            foreach (var (_, child) in ChildEntries)
            {
                x = ((nn.Module<Tensor, Tensor>)child).call(x);
            }

            return x;
        }

        private int CheckIndex(int index)
        {
            var count = ChildCount;
            var position = index < 0 ? index + count : index;
            if (position < 0 || position >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Sequential has {count} children");
            }

            return position;
        }
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Chains modules, named "0", "1", … in order.</summary>
            /// <param name="modules">The modules.</param>
            /// <returns>The container.</returns>
            public static Sequential Sequential(params Module<Tensor, Tensor>[] modules)
            {
                ArgumentNullException.ThrowIfNull(modules);
                return new(modules.Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), m)));
            }

            /// <summary>Chains named modules in order.</summary>
            /// <param name="modules">The (name, module) pairs.</param>
            /// <returns>The container.</returns>
            public static Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules)
            {
                ArgumentNullException.ThrowIfNull(modules);
                return new(modules.Select(m => (m.name, m.submodule)));
            }

            /// <summary>Chains named modules in order.</summary>
            /// <param name="modules">The (name, module) pairs.</param>
            /// <returns>The container.</returns>
            public static Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> submodule)> modules)
            {
                ArgumentNullException.ThrowIfNull(modules);
                return new(modules.Select(m => (m.name, m.submodule)));
            }
        }
    }
}
