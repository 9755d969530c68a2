using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Modules
{
    /// <summary>
    /// Modules registered as children under their keys, in insertion order. It has no forward of
    /// its own: the owner looks modules up by key.
    /// </summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    public sealed class ModuleDict<T> : torch.nn.Module, IDictionary<string, T>, IReadOnlyDictionary<string, T>
        where T : torch.nn.Module
    {
        internal ModuleDict(IEnumerable<(string key, T module)> modules)
            : base(nameof(ModuleDict<T>))
        {
            ArgumentNullException.ThrowIfNull(modules);
            foreach (var (key, module) in modules)
            {
                Add(key, module);
            }
        }

        /// <summary>The number of entries.</summary>
        public int Count => ChildCount;

        /// <inheritdoc/>
        public bool IsReadOnly => false;

        /// <summary>The keys, in insertion order.</summary>
        public ICollection<string> Keys => Entries().Select(e => e.Key).ToList();

        /// <summary>The modules, in insertion order.</summary>
        public ICollection<T> Values => Entries().Select(e => e.Value).ToList();

        /// <inheritdoc/>
        IEnumerable<string> IReadOnlyDictionary<string, T>.Keys => Keys;

        /// <inheritdoc/>
        IEnumerable<T> IReadOnlyDictionary<string, T>.Values => Values;

        internal override Type ChildType => typeof(T);

        /// <summary>The module under a key; setting adds or replaces it (without disposing the old one).</summary>
        /// <param name="key">The key, a valid module name (no dots).</param>
        public T this[string key]
        {
            get => TryGetValue(key, out var module) ? module : throw new KeyNotFoundException($"ModuleDict has no key '{key}'; its keys are {string.Join(", ", Keys)}");
            set => register_module(key, value);
        }

        /// <inheritdoc/>
        public void Add(string key, T value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if (ContainsKey(key))
            {
                throw new ArgumentException($"ModuleDict already has the key '{key}'", nameof(key));
            }

            register_module(key, value);
        }

        /// <inheritdoc/>
        public void Add(KeyValuePair<string, T> item) => Add(item.Key, item.Value);

        /// <inheritdoc/>
        public bool ContainsKey(string key) => ChildOrNull(key) is not null;

        /// <inheritdoc/>
        public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
        {
            value = ChildOrNull(key) as T;
            return value is not null;
        }

        /// <summary>Removes an entry without disposing its module.</summary>
        /// <param name="key">The key.</param>
        /// <returns>Whether the key was present.</returns>
        public bool Remove(string key) => RemoveChild(key);

        /// <inheritdoc/>
        public bool Remove(KeyValuePair<string, T> item) => Contains(item) && Remove(item.Key);

        /// <inheritdoc/>
        public bool Contains(KeyValuePair<string, T> item) => TryGetValue(item.Key, out var module) && ReferenceEquals(module, item.Value);

        /// <summary>Removes every entry without disposing the modules.</summary>
        public void Clear() => ResetChildren([]);

        /// <inheritdoc/>
        public void CopyTo(KeyValuePair<string, T>[] array, int arrayIndex) => Entries().ToList().CopyTo(array, arrayIndex);

        /// <inheritdoc/>
        public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => Entries().GetEnumerator();

        /// <inheritdoc/>
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private IEnumerable<KeyValuePair<string, T>> Entries() =>
            ChildEntries.Select(e => new KeyValuePair<string, T>(e.Key, (T)e.Value)).ToList();
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Modules of one type registered under keys, in insertion order.</summary>
            /// <typeparam name="T">The type of the values.</typeparam>
            /// <param name="modules">The (key, module) pairs.</param>
            /// <returns>The dictionary.</returns>
            public static ModuleDict<T> ModuleDict<T>(params (string key, T module)[] modules)
                where T : Module => new(modules);
        }
    }
}
