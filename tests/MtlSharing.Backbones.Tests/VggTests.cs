using MtlSharing.Backbones;

namespace MtlSharing.Backbones.Tests;

/// <summary>
/// VGG with batch normalisation, against torchvision's vgg11_bn and vgg16_bn. VGG is large (133
/// million parameters), so one seeded VGG-11-BN with 10 classes serves every test of the class.
/// </summary>
public sealed class VggTests : IClassFixture<VggTests.SeededVgg11>
{
    private readonly SeededVgg11 vgg;

    public VggTests(SeededVgg11 vgg) => this.vgg = vgg;

    [Fact]
    public void Seeded_initial_state_equals_pytorchs()
    {
        InitialisationTests.ShouldEqualRecordedState(vgg.Initial, "vgg11_bn");
        vgg.NextDraw.Should().Equal(Fixture.Variant("vgg11_bn").GetProperty("next_draw").EnumerateArray().Select(v => v.GetSingle()), (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Outputs_agree_with_pytorchs_to_2e_5_of_their_scale()
    {
        using var scope = NewDisposeScope();
        var (input, expected) = Fixture.Io("vgg11_bn");
        using (no_grad())
        {
            var output = vgg.Model.call(input);
            expected.abs().max().item<float>().Should().BeGreaterThan(0.1f, "the fixture's outputs are not trivially small");
            // The perturbed classifier gives outputs of several hundred, summed over 25,088 inputs.
            var scale = expected.abs().max().item<float>();
            (output - expected).abs().max().item<float>().Should().BeLessThan(2e-5f * scale);
        }
    }

    [Fact]
    public void Keys_shapes_and_parameter_count_are_torchvisions_with_ten_classes()
    {
        var (published, state) = Fixture.Torchvision("vgg11_bn");
        published.Should().Be(132_868_840);
        // torchvision's count less its last Linear layer for 1000 classes, plus one for 10.
        vgg.Model.parameters().Sum(p => p.numel()).Should().Be(132_868_840 - (4096 * 1000 + 1000) + (4096 * 10 + 10));
        var actual = vgg.Model.state_dict().ToDictionary(e => e.Key, e => e.Value.shape);
        actual.Keys.Should().BeEquivalentTo(state.Select(s => s.Key));
        state.Where(s => !s.Key.StartsWith("classifier.6.", StringComparison.Ordinal)).Should().OnlyContain(s => actual[s.Key].SequenceEqual(s.Shape));
        actual["classifier.6.weight"].Should().Equal(10, 4096);
    }

    [Fact]
    public void Blocks_are_one_per_convolution_with_what_follows_it()
    {
        var model = vgg.Model;
        model.Blocks.Should().HaveCount(8);
        model.Blocks[0].Should().Equal("features.0", "features.1", "features.2", "features.3");
        model.Blocks[2].Should().Equal("features.8", "features.9", "features.10");
        model.Blocks[^1].Should().Equal("features.25", "features.26", "features.27", "features.28");
        model.HeadName.Should().Be("classifier");
        model.FeatureCount.Should().Be(512 * 7 * 7);
        model.Title.Should().Be("VGG-11-BN");
    }

    [Fact]
    public void Costs_at_32_are_what_pytorch_counts()
    {
        CostTests.ShouldMatch(vgg.Model.Costs(3, 32, 32), Fixture.Costs("vgg11_bn_10_32"));
    }

    [Fact]
    public void Headless_vgg16_bn_returns_the_pooled_features_and_has_torchvisions_count_without_the_classifier()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.Vgg16Bn(new VggOptions { Classes = null });
        // vgg16_bn less its classifier: 25088·4096 + 4096, 4096·4096 + 4096, 4096·1000 + 1000.
        model.parameters().Sum(p => p.numel()).Should().Be(138_365_992 - (25088L * 4096 + 4096) - (4096 * 4096 + 4096) - (4096 * 1000 + 1000));
        model.Blocks.Should().HaveCount(13);
        model.eval();
        using (no_grad())
        {
            model.call(randn([1, 3, 32, 32])).shape.Should().Equal(1, 25088);
        }
    }

    [Fact]
    public void Vgg16_bn_has_torchvisions_keys_shapes_and_parameter_count()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.Vgg16Bn();
        TorchvisionCompatibilityTests.ShouldEqualTorchvision(model, "vgg16_bn", 138_365_992);
    }

    /// <summary>VGG-11-BN with 10 classes built after manual_seed(0), its initial state kept, then given the fixture's perturbed weights, in evaluation mode.</summary>
    public sealed class SeededVgg11 : IDisposable
    {
        public SeededVgg11()
        {
            manual_seed(0);
            Model = (Vgg)Fixture.Build("vgg11_bn");
            NextDraw = randn(4).data<float>().ToArray();
            Initial = Model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());
            Fixture.Perturb(Model);
            Model.eval();
        }

        public Vgg Model { get; }

        public Dictionary<string, Tensor> Initial { get; }

        public float[] NextDraw { get; }

        public void Dispose()
        {
            Model.Dispose();
            foreach (var tensor in Initial.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
