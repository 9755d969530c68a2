using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Registers the modules and parameters held in this object's fields, under the field
            /// names (an auto-property registers under the property name), base classes first and
            /// each class in declaration order. Null fields, and values already registered under
            /// any name, are skipped; tensors that are not parameters are not registered (use
            /// <see cref="register_buffer"/> for buffers). Call it at the end of the constructor.
            /// </summary>
            protected void RegisterComponents()
            {
                foreach (var field in ComponentFields.Of(GetType()))
                {
                    switch (field.GetValue(this))
                    {
                        case Module module when !ReferenceEquals(module, this) && !ownChildren.Values.Any(c => ReferenceEquals(c, module)):
                            register_module(ComponentFields.NameOf(field), module);
                            break;
                        case Parameter parameter when !ownParameters.Values.Any(p => ReferenceEquals(p, parameter)):
                            register_parameter(ComponentFields.NameOf(field), parameter);
                            break;
                    }
                }
            }
        }
    }
}
