using MtlSharing.Torch.Modules;
using static MtlSharing.Torch.torch;

namespace MtlSharing.Torch.Modules
{
    /// <summary>Returns its input unchanged (the same tensor).</summary>
    public sealed class Identity : nn.Module<Tensor, Tensor>
    {
        internal Identity()
            : base(nameof(Identity))
        {
        }

        /// <inheritdoc/>
        public override Tensor forward(Tensor input) => input;
    }
}

namespace MtlSharing.Torch
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>A placeholder layer that returns its input unchanged.</summary>
            /// <returns>The layer.</returns>
            public static Identity Identity() => new();
        }
    }
}
