using F = MtlSharing.Torch.torch.nn.functional;

namespace MtlSharing.Torch.Tests.Errors;

public sealed class DisposedTensorTests
{
    private static Tensor Disposed()
    {
        var t = ones([2, 2], requires_grad: true);
        t.Dispose();
        return t;
    }

    public static TheoryData<string> Members() =>
    [
        "shape", "dtype", "numel", "item", "ToArray", "requires_grad", "grad", "backward",
        "add", "operator", "in-place", "reshape", "sum", "to", "is_contiguous", "as argument", "in a list", "functional",
    ];

    [Theory]
    [MemberData(nameof(Members))]
    public void Every_member_of_a_disposed_tensor_throws_object_disposed(string member)
    {
        using var scope = NewDisposeScope();
        var live = ones([2, 2]);
        var dead = Disposed();
        Action act = member switch
        {
            "shape" => () => _ = dead.shape,
            "dtype" => () => _ = dead.dtype,
            "numel" => () => dead.numel(),
            "item" => () => dead.item<float>(),
            "ToArray" => () => dead.ToArray<float>(),
            "requires_grad" => () => _ = dead.requires_grad,
            "grad" => () => _ = dead.grad,
            "backward" => () => dead.backward(),
            "add" => () => dead.add(live),
            "operator" => () => _ = dead * 2,
            "in-place" => () => dead.mul_(2),
            "reshape" => () => dead.reshape(4),
            "sum" => () => dead.sum(),
            "to" => () => dead.to(float64),
            "is_contiguous" => () => dead.is_contiguous(),
            "as argument" => () => live.add(dead),
            "in a list" => () => cat([live, dead]),
            "functional" => () => F.relu(dead),
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };

        act.Should().Throw<ObjectDisposedException>().Which.ObjectName.Should().Contain("Tensor");
        live.ToArray<float>().Should().Equal(1f, 1f, 1f, 1f);
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void A_disposed_tensor_reports_it_and_can_be_disposed_again()
    {
        var dead = Disposed();
        dead.IsDisposed.Should().BeTrue();
        dead.ToString().Should().Be("[disposed tensor]");
        dead.Dispose();
        EngineHealth.AssertStillWorks();
    }

    [Fact]
    public void A_failed_call_with_a_disposed_argument_keeps_earlier_arguments_collectable()
    {
        var weak = FailWithLiveAndDeadArguments();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        weak.TryGetTarget(out _).Should().BeFalse("an argument of a call that failed must not stay referenced");
        EngineHealth.AssertStillWorks();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<Tensor> FailWithLiveAndDeadArguments()
    {
        var live = ones([2]);
        var dead = Disposed();
        var act = () => where(live.gt(0), live, dead);
        act.Should().Throw<ObjectDisposedException>();
        var weak = new WeakReference<Tensor>(live);
        live.Dispose();
        return weak;
    }
}
