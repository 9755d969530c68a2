using System.Reflection;
using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace MtlSharing.Backbones;

/// <summary>
/// TorchVision's own ResNet blocks. TorchVision 0.107 keeps <c>BasicBlock</c> and
/// <c>Bottleneck</c> private to <see cref="TorchSharp.Modules.ResNet"/>, while the ResNet
/// constructor that a subclass must call takes a block factory; its own factories are private too.
/// So the blocks are built here through their constructors, found by reflection once, so that our
/// ResNet keeps no copy of TorchVision's network. If a TorchVision update renames them, building
/// any ResNet fails with a message that says so.
/// </summary>
internal static class TorchVisionBlocks
{
    private static readonly Lazy<ConstructorInfo> BasicBlock = new(() => Find("BasicBlock"));
    private static readonly Lazy<ConstructorInfo> Bottleneck = new(() => Find("Bottleneck"));

    /// <summary>TorchVision's BasicBlock (expansion 1) or Bottleneck (expansion 4), with TorchVision's arguments.</summary>
    public static nn.Module<Tensor, Tensor> Create(bool bottleneck, int inPlanes, int planes, int stride, nn.Module<Tensor, Tensor>? downsample, int groups, int baseWidth, int dilation)
    {
        var constructor = (bottleneck ? Bottleneck : BasicBlock).Value;
        Func<int, nn.Module<Tensor, Tensor>> norm = channels => nn.BatchNorm2d(channels);
        try
        {
            return (nn.Module<Tensor, Tensor>)constructor.Invoke([inPlanes, planes, stride, downsample, groups, baseWidth, dilation, norm]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static ConstructorInfo Find(string name)
    {
        Type[] parameters = [typeof(int), typeof(int), typeof(int), typeof(nn.Module<Tensor, Tensor>), typeof(int), typeof(int), typeof(int), typeof(Func<int, nn.Module<Tensor, Tensor>>)];
        var type = typeof(TorchSharp.Modules.ResNet).GetNestedType(name, BindingFlags.NonPublic | BindingFlags.Public);
        return type?.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, parameters)
            ?? throw new InvalidOperationException(
                $"TorchVision's ResNet has no nested {name} with the constructor (inplanes, planes, stride, downsample, groups, base_width, dilation, norm_layer) that TorchVision 0.107 has; " +
                $"MtlSharing.Backbones builds ResNets from TorchVision's own blocks and needs a TorchVision version that keeps them (found {typeof(TorchSharp.Modules.ResNet).Assembly.GetName().Version})");
    }
}
