using MtlSharing.Backbones;
using TorchSharp.PyBridge;

namespace MtlSharing.Backbones.Tests;

/// <summary>
/// State dicts saved by PyTorch (torch.save of the reduced-width torchvision models, see
/// Fixtures/record_backbones.py) load unchanged and give PyTorch's evaluation-mode outputs; and a
/// state dict saved here is the file PyTorch loads strictly.
/// </summary>
public sealed class PretrainedWeightsTests
{
    public static TheoryData<string> Variants => Fixture.VariantNames;

    [Theory]
    [MemberData(nameof(Variants))]
    public void Pytorch_weights_load_and_outputs_agree_to_1e_4(string name)
    {
        using var scope = NewDisposeScope();
        using var model = Fixture.BuildWithWeights(name);
        model.eval();
        var (input, expected) = Fixture.Io(name);

        using (no_grad())
        {
            var output = model.call(input);
            output.shape.Should().Equal(expected.shape);
            expected.abs().max().item<float>().Should().BeGreaterThan(0.1f, "the fixture's outputs are not trivially small");
            (output - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void A_pytorch_file_loads_with_pybridges_load_py_too()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet50(new ResNetOptions { Width = 2, Classes = 10 });
        model.load_py(Fixture.PathOf("resnet50_w2.pt"), strict: true);
        model.eval();
        var (input, expected) = Fixture.Io("resnet50_w2");
        using (no_grad())
        {
            (model.call(input) - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void MobileNetV3_uses_torchvisions_relu_in_squeeze_and_excitation_where_torchsharp_has_relu6()
    {
        using var scope = NewDisposeScope();
        using var model = Fixture.BuildWithWeights("mobilenet_v3_small");
        model.eval();
        var (input, expected) = Fixture.Io("mobilenet_v3_small");
        Fixture.Variant("mobilenet_v3_small").GetProperty("squeeze_maximum").GetDouble().Should().BeGreaterThan(6, "the fixture reaches where ReLU and ReLU6 differ");
        var squeezes = model.NamedModulesDepthFirst().Where(m => m.Module is TorchSharp.torchvision.SqueezeExcitation).Select(m => m.Path).ToList();
        squeezes.Should().HaveCount(9);
        squeezes.Should().OnlyContain(path => model.GetSubmodule(path + ".activation") is TorchSharp.Modules.ReLU);

        using (no_grad())
        {
            (model.call(input) - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
            squeezes.ForEach(path => model.SetSubmodule(path + ".activation", nn.ReLU6()));
            (model.call(input) - expected).abs().max().item<float>().Should().BeGreaterThan(1e-2f, "TorchVision 0.107's ReLU6 gives other outputs");
        }
    }

    [Fact]
    public void Headless_backbone_loads_a_checkpoint_with_a_head_and_gives_its_features()
    {
        using var scope = NewDisposeScope();
        var state = Fixture.StateDict("resnet18_w3.pt");
        var (input, output) = Fixture.Io("resnet18_w3");
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 3, Classes = null });
        model.LoadPretrained(state);
        model.eval();

        using (no_grad())
        {
            var features = model.call(input);
            features.shape.Should().Equal(2, 24);
            var logits = nn.functional.linear(features, state["fc.weight"], state["fc.bias"]);
            (logits - output).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
    }

    [Fact]
    public void Plain_load_state_dict_into_a_headless_backbone_names_the_head_keys_as_unexpected()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 3, Classes = null });
        var state = Fixture.StateDict("resnet18_w3.pt");
        FluentActions.Invoking(() => model.load_state_dict(state, strict: true)).Should().Throw<InvalidOperationException>();
        var (missing, unexpected) = model.load_state_dict(state, strict: false);
        missing.Should().BeEmpty();
        unexpected.Should().BeEquivalentTo("fc.weight", "fc.bias");
    }

    [Fact]
    public void Loading_a_headless_checkpoint_into_a_classifier_lists_the_missing_head()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 2, Stem = Stem.SmallImage, Classes = 10 });
        var act = () => model.LoadPretrained(Fixture.StateDict("resnet18_w2_small_headless.pt"));
        act.Should().Throw<ArgumentException>().WithMessage("*Missing key(s) in state_dict: \"fc.weight\", \"fc.bias\".*");
    }

    [Fact]
    public void Checkpoint_saved_here_is_the_file_pytorch_loads()
    {
        // Fixtures/resnet18_w3.dotnet.pt was written by this test, and record_backbones.py's
        // check_dotnet_checkpoint loads it with torch.load and load_state_dict(strict=True) into
        // torchvision's ResNet and gets the recorded outputs. The zip's entries must be the same
        // (its timestamps differ each time). If save_py's output changes, the new file is
        // written next to the test assembly for that script to check again.
        using var scope = NewDisposeScope();
        using var model = Backbone.ResNet18(new ResNetOptions { Width = 3, Classes = 10 });
        model.LoadPretrained(Fixture.StateDict("resnet18_w3.pt"));
        using var written = new MemoryStream();
        model.save_py(written, leaveOpen: true);

        var pinnedPath = Fixture.PathOf("resnet18_w3.dotnet.pt");
        var pinned = File.Exists(pinnedPath) ? Entries(File.ReadAllBytes(pinnedPath)) : [];
        var entries = Entries(written.ToArray());
        if (!entries.Keys.SequenceEqual(pinned.Keys) || entries.Any(e => !e.Value.SequenceEqual(pinned[e.Key])))
        {
            File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "resnet18_w3.dotnet.pt"), written.ToArray());
        }

        entries.Keys.Should().Equal(pinned.Keys);
        entries.Should().OnlyContain(e => e.Value.SequenceEqual(pinned[e.Key]), "the entries are those PyTorch was shown to load (see Fixtures/record_backbones.py)");
        entries.Keys.Should().Contain("model/data.pkl");
    }

    /// <summary>The entries of a PyTorch zip checkpoint, by name, uncompressed.</summary>
    private static Dictionary<string, byte[]> Entries(byte[] file)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(file), System.IO.Compression.ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
