using MtlSharing.Modules;
using TorchSharp.Modules;

namespace MtlSharing.Tests.Modules;

public sealed class ModuleTreeTests
{
    [Fact]
    public void Replacing_a_TorchVision_ResNet_child_reaches_its_forward_and_keeps_torchvision_names()
    {
        using var resnet = torchvision.models.resnet18(num_classes: 10);
        resnet.eval();
        var counter = new CallCounter();
        var before = resnet.named_parameters().Select(p => p.name).ToList();

        resnet.SetSubmodule("layer2.1.bn2", counter);
        using var output = resnet.call(randn(2, 3, 32, 32));

        counter.Calls.Should().Be(1, "ResNet's BasicBlock calls bn2 through a readonly field, which now holds the replacement");
        output.shape.Should().Equal(2, 10);
        var after = resnet.named_parameters().Select(p => p.name).ToList();
        before.Except(after).Should().Equal("layer2.1.bn2.weight", "layer2.1.bn2.bias");
        after.Should().Equal(before.Where(n => !n.StartsWith("layer2.1.bn2.", StringComparison.Ordinal)), "the order of the other parameters is kept");
        resnet.GetSubmodule("layer2.1.bn2").Should().BeSameAs(counter);
    }

    [Fact]
    public void Replacing_a_whole_stage_updates_the_readonly_field_and_the_registration_in_place()
    {
        using var resnet = torchvision.models.resnet18(num_classes: 10);
        var counter = new CallCounter();
        var children = resnet.named_children().Select(c => c.name).ToList();

        resnet.SetSubmodule("maxpool", counter);
        using var output = resnet.call(randn(1, 3, 64, 64));

        counter.Calls.Should().Be(1);
        resnet.named_children().Select(c => c.name).Should().Equal(children, "the child keeps its name and position");
    }

    [Fact]
    public void Replacing_inside_a_Sequential_a_ModuleList_and_a_ModuleDict_reaches_forward()
    {
        using var net = new TinyNet();
        var inSequential = new CallCounter();
        net.SetSubmodule("stem.1", inSequential);
        using (var _ = net.call(randn(1, 3, 8, 8)))
        {
            inSequential.Calls.Should().Be(1);
        }

        net.GetSubmodule("stem").named_children().Select(c => c.name).Should().Equal("0", "1", "2");

        using var containers = new ContainerNet();
        var inList = new CallCounter();
        var inDict = new CallCounter();
        containers.SetSubmodule("list.1", inList);
        containers.SetSubmodule("dict.first", inDict);
        using (var _ = containers.call(randn(2, 4)))
        {
            (inList.Calls, inDict.Calls).Should().Be((1, 1));
        }

        containers.named_parameters().Select(p => p.name).Should().Equal("list.0.weight", "list.0.bias", "dict.second.weight", "dict.second.bias");
    }

    [Fact]
    public void A_module_held_twice_is_refused_naming_the_other_place_and_nothing_changes()
    {
        using var net = new SharedTwice();
        var old = net.GetSubmodule("a");

        var act = () => net.SetSubmodule("a", new CallCounter());

        act.Should().Throw<InvalidOperationException>().WithMessage("cannot replace 'a':*also registered as 'b'*");
        net.GetSubmodule("a").Should().BeSameAs(old);
        net.GetSubmodule("b").Should().BeSameAs(old);
    }

    [Fact]
    public void A_module_captured_by_a_delegate_is_refused_and_nothing_changes()
    {
        using var net = new CapturingNet();
        var old = net.GetSubmodule("inner");

        var act = () => net.SetSubmodule("inner", new CallCounter());

        act.Should().Throw<InvalidOperationException>().WithMessage("cannot replace 'inner':*delegate*");
        net.GetSubmodule("inner").Should().BeSameAs(old);
    }

    [Fact]
    public void An_unknown_path_names_the_nearest_children()
    {
        using var resnet = torchvision.models.resnet18();

        var act = () => resnet.GetSubmodule("layer1.0.cnv1");

        act.Should().Throw<ArgumentException>().WithMessage("no submodule 'layer1.0.cnv1'*nearest: layer1.0.conv1*");
    }

    [Fact]
    public void Depth_first_order_is_PyTorchs_named_modules_order()
    {
        using var net = new TinyNet();

        var paths = net.NamedModulesDepthFirst().Select(m => m.Path).Take(8).ToList();

        paths.Should().Equal("", "stem", "stem.0", "stem.1", "stem.2", "block1", "block1.conv1", "block1.bn1");
    }

    [Fact]
    public void A_deep_copy_has_its_own_storage_training_flag_and_children_and_computes_the_same()
    {
        using var original = torchvision.models.resnet18(num_classes: 5);
        original.eval();
        using var copy = original.DeepCopy();
        using var input = randn(2, 3, 32, 32);

        using (var expected = original.call(input))
        using (var actual = copy.call(input))
        {
            actual.ShouldBeClose(expected, 0);
        }

        copy.state_dict().Keys.Should().Equal(original.state_dict().Keys);
        copy.parameters().Sum(p => p.numel()).Should().Be(11_179_077);

        copy.train();
        original.training.Should().BeFalse("the copy has its own native module and so its own training flag");
        ((BatchNorm2d)original.GetSubmodule("bn1")).training.Should().BeFalse();

        using (no_grad())
        {
            ((Conv2d)copy.GetSubmodule("conv1")).weight.add_(1.0);
        }

        var originalWeight = ((Conv2d)original.GetSubmodule("conv1")).weight;
        var copiedWeight = ((Conv2d)copy.GetSubmodule("conv1")).weight;
        using var difference = (copiedWeight - originalWeight).mean();
        difference.ToDouble().Should().BeApproximately(1.0, 1e-6, "the copy's forward reads its own conv1, not the original's");
    }
}
