using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Modules;

/// <summary>
/// The few non-public members of TorchSharp's <see cref="nn.Module"/> that replacing and copying a
/// submodule needs. TorchSharp 0.107 has no <c>set_submodule</c> and no deep copy, and keeps a
/// module's registrations, its native handle (which holds the training flag) and its hooks in
/// protected or internal fields; this is the one place that reaches them. Every member is looked up
/// once, and a missing one (a TorchSharp version that renamed it) fails with a message saying so.
/// </summary>
internal static class TorchSharpInternals
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly FieldInfo Submodules = Field(typeof(nn.Module), "_internal_submodules");
    private static readonly FieldInfo Parameters = Field(typeof(nn.Module), "_internal_params");
    private static readonly FieldInfo Buffers = Field(typeof(nn.Module), "_internal_buffers");
    private static readonly FieldInfo Handle = Field(typeof(nn.Module), "handle");
    private static readonly FieldInfo Boxed = Field(typeof(nn.Module), "boxedModule");
    private static readonly FieldInfo ForwardNative = Field(typeof(nn.Module), "_forwardNative");
    private static readonly MethodInfo RegisterComponentsMethod = typeof(nn.Module).GetMethod("RegisterComponents", Instance)
        ?? throw new MissingMethodException("TorchSharp's Module has no RegisterComponents(); MtlSharing needs TorchSharp 0.107");
    private static readonly MethodInfo ShallowCopy = typeof(object).GetMethod("MemberwiseClone", Instance)!;

    /// <summary>The fields of <see cref="nn.Module"/> itself, which copies and swaps treat apart from a subclass's own fields.</summary>
    public static readonly IReadOnlySet<FieldInfo> BaseFields = new HashSet<FieldInfo>(typeof(nn.Module).GetFields(Instance | BindingFlags.DeclaredOnly));

    /// <summary>The registered children, in registration order (empty for <c>Sequential</c>, which keeps its own list).</summary>
    public static TorchSharp.Utils.OrderedDict<string, nn.Module> RegisteredChildren(nn.Module module) =>
        (TorchSharp.Utils.OrderedDict<string, nn.Module>)Submodules.GetValue(module)!;

    /// <summary>The registered parameters of the module itself.</summary>
    public static TorchSharp.Utils.OrderedDict<string, TorchSharp.Modules.Parameter> RegisteredParameters(nn.Module module) =>
        (TorchSharp.Utils.OrderedDict<string, TorchSharp.Modules.Parameter>)Parameters.GetValue(module)!;

    /// <summary>The registered buffers of the module itself, with their persistence.</summary>
    public static TorchSharp.Utils.OrderedDict<string, (Tensor, bool)> RegisteredBuffers(nn.Module module) =>
        (TorchSharp.Utils.OrderedDict<string, (Tensor, bool)>)Buffers.GetValue(module)!;

    /// <summary>Registers a module's fields as its components, as TorchSharp does when a module is registered in a parent.</summary>
    public static void RegisterComponents(nn.Module module) => RegisterComponentsMethod.Invoke(module, null);

    /// <summary>A field-by-field copy of a module object (native handle and registrations shared until replaced).</summary>
    public static nn.Module MemberwiseCopy(nn.Module module) => (nn.Module)ShallowCopy.Invoke(module, null)!;

    /// <summary>
    /// Gives <paramref name="copy"/> its own registration tables and its own native module handle,
    /// taken from a freshly made donor module, so that disposing or switching the training mode of
    /// one of two copies leaves the other alone.
    /// </summary>
    public static void Detach(nn.Module copy)
    {
        Submodules.SetValue(copy, new TorchSharp.Utils.OrderedDict<string, nn.Module>());
        Parameters.SetValue(copy, new TorchSharp.Utils.OrderedDict<string, TorchSharp.Modules.Parameter>());
        Buffers.SetValue(copy, new TorchSharp.Utils.OrderedDict<string, (Tensor, bool)>());
        var donor = new HandleDonor();
        Handle.SetValue(copy, Handle.GetValue(donor));
        Boxed.SetValue(copy, Boxed.GetValue(donor));
        ForwardNative.SetValue(copy, ForwardNative.GetValue(donor));
        Handle.SetValue(donor, Activator.CreateInstance(Handle.FieldType, nonPublic: true));
        Boxed.SetValue(donor, null);
    }

    /// <summary>Frees a module's native handle alone, leaving its fields and components untouched.</summary>
    public static void ReleaseHandle(nn.Module module) => ((IDisposable)Handle.GetValue(module)!).Dispose();

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Instance)
        ?? throw new MissingFieldException($"TorchSharp's {type.Name} has no field '{name}'; MtlSharing needs TorchSharp 0.107 (the version it was built against) to replace or copy submodules");

    /// <summary>A module made only to create a native handle for a copy; it never runs.</summary>
    private sealed class HandleDonor() : nn.Module<Tensor, Tensor>(nameof(HandleDonor))
    {
        public override Tensor forward(Tensor input) =>
            throw new InvalidOperationException("a copied module's native forward was called; MtlSharing's copies run their managed forward only");
    }
}
