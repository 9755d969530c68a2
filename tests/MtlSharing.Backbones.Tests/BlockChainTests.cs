using MtlSharing.Backbones;
using MtlSharing.Selectors;

namespace MtlSharing.Backbones.Tests;

/// <summary>Each backbone's forward pass is its blocks' modules applied in order, then its tail.</summary>
public sealed class BlockChainTests
{
    [Theory]
    [MemberData(nameof(Fixture.VariantNames), MemberType = typeof(Fixture))]
    public void Running_the_block_modules_in_order_then_the_tail_equals_forward(string variant)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var model = Fixture.Build(variant);
        model.eval();
        var backbone = (IBackbone)model;
        var sample = backbone.DefaultSampleShape.ToArray();
        var input = randn(sample.Length == 3 ? [2, sample[0], 32, 32] : [2, .. sample]);
        IBlockChain chain = backbone;

        using (no_grad())
        {
            var x = input;
            foreach (var paths in chain.Blocks)
            {
                foreach (var path in paths)
                {
                    x = ((nn.Module<Tensor, Tensor>)model.GetSubmodule(path)).call(x);
                }
            }

            var chained = chain.ForwardTail(x).data<float>().ToArray();
            var direct = model.call(input).data<float>().ToArray();
            chained.Should().Equal(direct);
        }
    }

    [Fact]
    public void CheckInput_rejects_what_forward_rejects_and_accepts_what_it_accepts()
    {
        using var scope = NewDisposeScope();
        using var model = Backbone.SmallCnn(new SmallCnnOptions { Channels = [4] });
        FluentActions.Invoking(() => model.CheckInput(zeros([2, 1, 8, 8]))).Should().Throw<ArgumentException>()
            .WithMessage("SmallCnn expects input of shape [N, 3, H, W] (3 channels, got 1): got [2, 1, 8, 8]*");
        FluentActions.Invoking(() => model.CheckInput(zeros([2, 3, 8, 8]))).Should().NotThrow();
        FluentActions.Invoking(() => model.ForwardTail(null!)).Should().Throw<ArgumentNullException>();
    }
}
