using System.Collections;
using System.Globalization;
using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Modules
{
    /// <summary>
    /// A list of modules registered as children "0", "1", …; inserting or removing renumbers them.
    /// It has no forward of its own: the owner iterates over it.
    /// </summary>
    /// <typeparam name="T">The type of the elements.</typeparam>
    public sealed class ModuleList<T> : torch.nn.Module, IList<T>
        where T : torch.nn.Module
    {
        internal ModuleList(IEnumerable<T> modules)
            : base(nameof(ModuleList<T>))
        {
            ArgumentNullException.ThrowIfNull(modules);
            extend(modules);
        }

        /// <summary>The number of elements.</summary>
        public int Count => ChildCount;

        /// <inheritdoc/>
        public bool IsReadOnly => false;

        internal override Type ChildType => typeof(T);

        /// <summary>The element at a position; setting replaces it (without disposing the old one).</summary>
        /// <param name="index">The position, from 0.</param>
        public T this[int index]
        {
            get => (T)ChildAt(CheckIndex(index)).Value;
            set => register_module(Name(CheckIndex(index)), value);
        }

        /// <summary>Adds an element at the end.</summary>
        /// <param name="module">The element.</param>
        /// <returns>This list.</returns>
        public ModuleList<T> append(T module)
        {
            Add(module);
            return this;
        }

        /// <summary>Adds elements at the end.</summary>
        /// <param name="modules">The elements.</param>
        /// <returns>This list.</returns>
        public ModuleList<T> extend(IEnumerable<T> modules)
        {
            ArgumentNullException.ThrowIfNull(modules);
            foreach (var module in modules)
            {
                Add(module);
            }

            return this;
        }

        /// <inheritdoc/>
        public void Add(T item)
        {
            ArgumentNullException.ThrowIfNull(item);
            register_module(Name(Count), item);
        }

        /// <inheritdoc/>
        public void Insert(int index, T item)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (index < 0 || index > Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"expected 0..{Count}");
            }

            var items = Items();
            items.Insert(index, item);
            Renumber(items);
        }

        /// <inheritdoc/>
        public void RemoveAt(int index)
        {
            var items = Items();
            items.RemoveAt(CheckIndex(index));
            Renumber(items);
        }

        /// <inheritdoc/>
        public bool Remove(T item)
        {
            var index = IndexOf(item);
            if (index < 0)
            {
                return false;
            }

            RemoveAt(index);
            return true;
        }

        /// <summary>Removes every element without disposing them.</summary>
        public void Clear() => Renumber([]);

        /// <inheritdoc/>
        public int IndexOf(T item) => Items().FindIndex(m => ReferenceEquals(m, item));

        /// <inheritdoc/>
        public bool Contains(T item) => IndexOf(item) >= 0;

        /// <inheritdoc/>
        public void CopyTo(T[] array, int arrayIndex) => Items().CopyTo(array, arrayIndex);

        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator() => Items().GetEnumerator();

        /// <inheritdoc/>
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private List<T> Items() => Enumerable.Range(0, Count).Select(i => (T)ChildAt(i).Value).ToList();

        private static string Name(int index) => index.ToString(CultureInfo.InvariantCulture);

        private void Renumber(List<T> items) => ResetChildren(items.Select((m, i) => (Name(i), (torch.nn.Module)m)));

        private int CheckIndex(int index)
        {
            var position = index < 0 ? index + Count : index;
            if (position < 0 || position >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the list has {Count} elements");
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
            /// <summary>A list of modules of one type, registered as children "0", "1", ….</summary>
            /// <typeparam name="T">The type of the elements.</typeparam>
            /// <param name="modules">The initial elements.</param>
            /// <returns>The list.</returns>
            public static ModuleList<T> ModuleList<T>(params T[] modules)
                where T : Module => new(modules);

            /// <summary>A list of modules, registered as children "0", "1", ….</summary>
            /// <param name="modules">The initial elements.</param>
            /// <returns>The list.</returns>
            public static ModuleList<Module> ModuleList(params Module[] modules) => new(modules);
        }
    }
}
