#region torchsharp-own-plan
using MtlSharing.Plans;
#endregion
#region torchsharp-own-model
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
#endregion
#region torchsharp-module-tree
using MtlSharing.Modules;
#endregion
#region torchsharp-save-load
using TorchSharp.PyBridge;
#endregion
#region torchsharp-autocast
using MtlSharing.Training;
#endregion
using MtlSharing.Routing;
using MtlSharing.Training.Serialization;

namespace MtlSharing.Docs.Tests.Examples;

#region torchsharp-own-model
/// <summary>Your own feature extractor, written as any TorchSharp module: [N, 1, H, W] in, [N, 16] out.</summary>
public sealed class DigitEncoder : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> stem;   // declared as nn.Module<Tensor, Tensor>: a task switch can take its place
    private readonly Sequential body;                  // a Sequential: a plan switches its children one by one
    private readonly BatchNorm2d norm;                 // declared as a concrete layer type: it can only be shared

    public DigitEncoder() : base(nameof(DigitEncoder))
    {
        stem = nn.Conv2d(1, 8, 3, padding: 1, bias: false);
        body = nn.Sequential(("conv", nn.Conv2d(8, 16, 3, padding: 1, bias: false)), ("relu", nn.ReLU()));
        norm = nn.BatchNorm2d(16);
        RegisterComponents();                          // registers the fields as stem, body and norm
    }

    public override Tensor forward(Tensor input) => norm.call(body.call(stem.call(input))).mean([2, 3]);
}
#endregion

/// <summary>
/// docs/coming-from-torchsharp.md: your own TorchSharp module and TorchVision's ResNet-18 as backbones,
/// saving with PyBridge, the module-tree operations TorchSharp lacks, and autocast.
/// </summary>
public sealed class TorchSharpModelExamples
{
    private static readonly string[] Tasks = ["digits", "fashion"];

    [Fact]
    public void Your_own_module_as_a_backbone()
    {
        manual_seed(0);
        string[] tasks = Tasks;
        #region torchsharp-own-plan
        var plan = SharingPlan.For(tasks, task => nn.Linear(16, 10))
            .PerTask("stem")
            .PerTask("body");
        using var model = plan.Apply(new DigitEncoder());
        #endregion

        model.Switches.Select(s => s.Path).Should().Equal(["stem", "body.conv", "body.relu"], "a Sequential field is switched child by child");
        // By hand: stem 1·8·3·3 = 72 and body.conv 8·16·3·3 = 1,152, one copy per task;
        // norm 2·16 = 32, shared; heads 16·10 + 10 = 170 each.
        const long expected = (2 * 72) + (2 * 1152) + 32 + (2 * 170);
        model.Report().Total.Should().Be(expected);
        model.parameters().Sum(p => p.numel()).Should().Be(expected);
        model.state_dict().Keys.Should().Contain(["backbone.stem.tasks.digits.weight", "backbone.body.conv.tasks.fashion.weight", "backbone.norm.running_mean", "heads.digits.bias"]);

        using var scope = NewDisposeScope();
        var images = randn(4, 1, 12, 12);
        model.forward(images, "digits").shape.Should().Equal(4, 10);
        FluentActions.Invoking(() => ((nn.Module<Tensor, Tensor>)model.Backbone).call(images))
            .Should().Throw<InvalidOperationException>("a switched layer needs to know its task").WithMessage("*'stem'*");

        using var refused = new DigitEncoder();
        var message = FluentActions.Invoking(() => SharingPlan.For(tasks, task => nn.Linear(16, 10)).PerTask("norm").Apply(refused))
            .Should().Throw<ArgumentException>().Which.Message;
        var page = Checks.Repository.Read("docs/coming-from-torchsharp.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        page.Should().Contain(message.Replace("\r\n", "\n", StringComparison.Ordinal), "the page quotes the message as it is");
    }

    [Fact]
    public void TorchVision_resnet18_as_a_backbone()
    {
        manual_seed(0);
        string[] tasks = Tasks;
        #region torchsharp-torchvision
        using var resnet = torchvision.models.resnet18();          // TorchVision's network, as TorchVision builds it
        resnet.SetSubmodule("fc", nn.Identity());                  // headless: 512 features (MtlSharing.Modules.ModuleTree)
        using var model = SharingPlan.For(tasks, task => nn.Linear(512, 10))
            .PerTask("conv1")
            .PerTask("bn1")
            .PerTask("layer1")                                     // a Sequential stage: switched block by block
            .Apply(resnet);
        #endregion

        model.Switches.Select(s => s.Path).Should().Equal("conv1", "bn1", "layer1.0", "layer1.1");
        // By hand: torchvision's resnet18 has 11,689,512 parameters, fc = 512·1000 + 1000 = 513,000 of them.
        // Per task: conv1 64·3·7·7 = 9,408, bn1 2·64 = 128, layer1 2 × (2 × 64·64·3·3 + 2 × 2·64) = 147,968.
        // Heads 512·10 + 10 = 5,130 each.
        const long headless = 11_689_512 - 513_000;
        const long perTask = 9_408 + 128 + 147_968;
        model.Report().Total.Should().Be(headless + perTask + (2 * 5_130));
        model.Report().Shared.Should().Be(headless - perTask);

        using var scope = NewDisposeScope();
        model.eval();
        var images = randn(2, 3, 64, 64);
        using var mixed = model.forward(cat([images, images]), tensor(new long[] { 0, 0, 1, 1 }));
        mixed.Logits["digits"].allclose(model.forward(images, "digits"), atol: 1e-5).Should().BeTrue();
        mixed.Logits["fashion"].shape.Should().Equal(2, 10);
    }

    [Fact]
    public void Saving_and_loading_with_PyBridge()
    {
        using var folder = new ScratchDirectory();
        manual_seed(0);
        string[] tasks = Tasks;
        var plan = SharingPlan.For(tasks, task => nn.Linear(16, 10)).PerTask("stem").PerTask("body");
        using var model = plan.Apply(new DigitEncoder());
        #region torchsharp-save-load
        model.save_py("multitask.pt");                       // PyTorch's format: torch.load("multitask.pt") in Python
        using var restored = plan.Apply(new DigitEncoder());
        restored.load_py("multitask.pt");                    // strict: every key and shape must fit
        using var digits = model.ExtractTask("digits");
        digits.save_py("digits.pt");                         // one task as a plain model: backbone.… and head.… keys
        #endregion

        var saved = model.state_dict();
        var loaded = restored.state_dict();
        loaded.Keys.Should().BeEquivalentTo(saved.Keys);
        loaded.Should().AllSatisfy(entry => entry.Value.SameAs(saved[entry.Key]).Should().BeTrue($"{entry.Key} is loaded as saved"));
        var file = TorchFiles.Load("digits.pt");
        file.Keys.Should().BeEquivalentTo(digits.state_dict().Keys);
        file.Keys.Should().Contain(["backbone.stem.weight", "backbone.body.conv.weight", "backbone.norm.running_var", "head.weight"]);
        file["backbone.stem.weight"].SameAs(saved["backbone.stem.tasks.digits.weight"]).Should().BeTrue();

        using var otherPlan = SharingPlan.For(tasks, task => nn.Linear(16, 10)).PerTask("stem").Apply(new DigitEncoder());
        FluentActions.Invoking(() => otherPlan.load_py("multitask.pt")).Should().Throw<InvalidOperationException>("PyBridge loads strictly");
        var mismatch = otherPlan.StateDictMismatch(TorchFiles.Load("multitask.pt"));
        mismatch.Should().Contain("backbone.body.conv.tasks.digits.weight", "the mismatch names the keys");
        FluentActions.Invoking(() => otherPlan.load_state_dict(TorchFiles.Load("multitask.pt")))
            .Should().Throw<ArgumentException>().WithMessage("*backbone.body.conv.tasks.digits.weight*nothing was loaded*");
    }

    [Fact]
    public void Module_tree_operations()
    {
        manual_seed(0);
        using var encoder = new DigitEncoder();
        #region torchsharp-module-tree
        using var copy = encoder.DeepCopy();                        // own storage, equal values, same training flags
        var conv = (Conv2d)copy.GetSubmodule("body.conv");         // by dotted path, as PyTorch's get_submodule
        copy.SetSubmodule("body.relu", nn.GELU());                  // body's forward now calls the GELU
        foreach (var (path, module) in copy.NamedModulesDepthFirst())
        {
            Console.WriteLine($"{path}: {module.GetType().Name}");  // ": DigitEncoder", "stem: Conv2d", "body: Sequential", …
        }
        #endregion

        copy.NamedModulesDepthFirst().Select(m => m.Path).Should().Equal("", "stem", "body", "body.conv", "body.relu", "norm");
        copy.NamedModulesDepthFirst().Select(m => m.Module.GetType().Name).Should().Equal("DigitEncoder", "Conv2d", "Sequential", "Conv2d", "GELU", "BatchNorm2d");
        copy.GetSubmodule("body.relu").Should().BeOfType<GELU>();
        encoder.GetSubmodule("body.relu").Should().BeOfType<ReLU>("the original is untouched");
        var original = (Conv2d)encoder.GetSubmodule("body.conv");
        conv.weight!.SameAs(original.weight!).Should().BeTrue();
        using (no_grad())
        {
            conv.weight!.add_(1);
        }

        conv.weight!.SameAs(original.weight!).Should().BeFalse("the copy has its own storage");

        // The copy's forward calls the GELU: negative inputs no longer become 0 after body.conv.
        using var scope = NewDisposeScope();
        encoder.eval();
        copy.eval();
        var input = randn(2, 1, 6, 6);
        var hidden = ((nn.Module<Tensor, Tensor>)copy.GetSubmodule("body")).call(((nn.Module<Tensor, Tensor>)copy.GetSubmodule("stem")).call(input));
        hidden.lt(0).any().item<bool>().Should().BeTrue();
        var relu = ((nn.Module<Tensor, Tensor>)encoder.GetSubmodule("body")).call(((nn.Module<Tensor, Tensor>)encoder.GetSubmodule("stem")).call(input));
        relu.lt(0).any().item<bool>().Should().BeFalse();
    }

    [Fact]
    public void Mixed_precision()
    {
        manual_seed(0);
        using var scope = NewDisposeScope();
        using var model = SharingPlan.For(Tasks, task => nn.Linear(16, 10)).PerTask("stem").Apply(new DigitEncoder());
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.1);
        var images = randn(8, 1, 12, 12);
        var labels = randint(0, 10, [8]);
        float float32Loss;
        using (no_grad())
        {
            float32Loss = nn.functional.cross_entropy(model.forward(images, "digits"), labels).ToSingle();
        }

        #region torchsharp-autocast
        Tensor logits, loss;
        using (Autocast.Enter(ScalarType.BFloat16))                // libtorch's CPU autocast: torch.autocast("cpu") in PyTorch
        {
            logits = model.forward(images, "digits");               // convolutions and linear layers in bfloat16
            loss = nn.functional.cross_entropy(logits, labels);     // the loss in float32
        }

        loss.backward();                                            // backward pass and step outside the scope
        optimizer.step();
        #endregion

        Autocast.IsEnabled.Should().BeFalse("disposing the scope turns autocast off");
        logits.dtype.Should().Be(ScalarType.BFloat16);
        loss.dtype.Should().Be(ScalarType.Float32);
        loss.ToSingle().Should().BeApproximately(float32Loss, 0.05f, "bfloat16 keeps about three significant digits");
        model.parameters().Should().AllSatisfy(p => p.dtype.Should().Be(ScalarType.Float32));
        model.Head("digits").parameters().Should().AllSatisfy(p => p.grad!.dtype.Should().Be(ScalarType.Float32));
    }
}
