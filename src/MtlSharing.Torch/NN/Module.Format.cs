using System.Text;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// A readable summary in PyTorch's layout: the name, the settings from
            /// <see cref="extra_repr"/>, and each child indented under its name.
            /// </summary>
            /// <returns>For example "Sequential(\n  (0): Linear(in_features=4, out_features=2, bias=True)\n)".</returns>
            public override string ToString()
            {
                var builder = new StringBuilder();
                Describe(builder, indent: string.Empty);
                return builder.ToString();
            }

            /// <summary>The settings shown in parentheses by <see cref="ToString"/>, e.g. "in_features=4, out_features=2".</summary>
            /// <returns>The settings, or an empty string.</returns>
            protected virtual string extra_repr() => string.Empty;

            private void Describe(StringBuilder builder, string indent)
            {
                builder.Append(GetName()).Append('(');
                var extra = extra_repr();
                if (ownChildren.Count == 0)
                {
                    builder.Append(extra).Append(')');
                    return;
                }

                var inner = indent + "  ";
                builder.Append('\n');
                if (extra.Length > 0)
                {
                    builder.Append(inner).Append(extra).Append('\n');
                }

                foreach (var (childName, child) in ownChildren)
                {
                    builder.Append(inner).Append('(').Append(childName).Append("): ");
                    child.Describe(builder, inner);
                    builder.Append('\n');
                }

                builder.Append(indent).Append(')');
            }
        }
    }
}
