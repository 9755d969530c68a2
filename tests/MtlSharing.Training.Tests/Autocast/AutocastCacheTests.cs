using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>
/// libtorch keeps the lower-precision copy of a float32 leaf parameter it casts (a convolution's
/// weight) until an outermost autocast scope ends, as <c>torch.autocast.__exit__</c> clears it. In
/// libtorch 2.10 that cache is one for the whole process, so these tests run alone: a scope ending
/// on another thread would clear it too.
/// </summary>
[Collection(AutocastCacheCollection.Name)]
public sealed class AutocastCacheTests
{
    [Fact]
    public void Weights_changed_between_scopes_are_cast_afresh()
    {
        using var scope = NewDisposeScope();
        var weight = ones(2, 3, 1, 1).requires_grad_();
        var image = ones(1, 3, 1, 1);

        using (Autocast.Enter())
        {
            F.conv2d(image, weight).Values().Should().Equal(3, 3);
        }

        Double(weight);

        using (Autocast.Enter())
        {
            F.conv2d(image, weight).Values().Should().Equal(6, 6);
        }
    }

    [Fact]
    public void Leaving_an_inner_scope_keeps_the_cached_weights()
    {
        using var scope = NewDisposeScope();
        var weight = ones(2, 3, 1, 1).requires_grad_();
        var image = ones(1, 3, 1, 1);

        using (Autocast.Enter())
        {
            using (Autocast.Enter())
            {
                F.conv2d(image, weight).Values().Should().Equal(3, 3);
            }

            Double(weight);

            // Still the bfloat16 copy made in the inner scope: change weights outside every scope.
            F.conv2d(image, weight).Values().Should().Equal(3, 3);
        }

        using (Autocast.Enter())
        {
            F.conv2d(image, weight).Values().Should().Equal(6, 6);
        }
    }

    [Fact]
    public void A_disabled_scope_inside_an_enabled_one_keeps_the_cache_too()
    {
        using var scope = NewDisposeScope();
        var weight = ones(2, 3, 1, 1).requires_grad_();
        var image = ones(1, 3, 1, 1);

        using (Autocast.Enter())
        {
            F.conv2d(image, weight).Values().Should().Equal(3, 3);
            using (Autocast.Enter(enabled: false))
            {
                F.conv2d(image, weight).dtype.Should().Be(ScalarType.Float32);
            }

            Double(weight);
            F.conv2d(image, weight).Values().Should().Equal(3, 3);
        }
    }

    private static void Double(Tensor weight)
    {
        using (no_grad())
        {
            weight.mul_(2);
        }
    }
}

/// <summary>Runs <see cref="AutocastCacheTests"/> with no other test at the same time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AutocastCacheCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Autocast weight cache (process-wide in libtorch 2.10)";
}
