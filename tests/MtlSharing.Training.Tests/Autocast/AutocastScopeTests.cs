using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Precision;

/// <summary>Opening, nesting and closing autocast scopes, and what is refused.</summary>
public sealed class AutocastScopeTests
{
    [Fact]
    public void Autocast_is_off_outside_any_scope_and_its_type_is_bfloat16()
    {
        Autocast.IsEnabled.Should().BeFalse();
        Autocast.Dtype.Should().Be(ScalarType.BFloat16);
    }

    [Fact]
    public void A_scope_turns_autocast_on_until_it_is_disposed()
    {
        using (var scope = Autocast.Enter())
        {
            Autocast.IsEnabled.Should().BeTrue();
            Autocast.Dtype.Should().Be(ScalarType.BFloat16);
            scope.Enabled.Should().BeTrue();
            scope.Dtype.Should().Be(ScalarType.BFloat16);
        }

        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void Nested_scopes_each_restore_the_state_they_found()
    {
        using (Autocast.Enter())
        {
            using (Autocast.Enter(enabled: false))
            {
                Autocast.IsEnabled.Should().BeFalse("the inner scope turns autocast off");
                using (Autocast.Enter(ScalarType.BFloat16))
                {
                    Autocast.IsEnabled.Should().BeTrue();
                }

                Autocast.IsEnabled.Should().BeFalse();
            }

            Autocast.IsEnabled.Should().BeTrue("the outer scope is still open");
        }

        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void A_float16_scope_inside_a_bfloat16_one_restores_bfloat16()
    {
        using (Autocast.Enter(ScalarType.BFloat16))
        {
            using (var inner = Autocast.Enter(ScalarType.Float16))
            {
                inner.Dtype.Should().Be(ScalarType.Float16);
                Autocast.Dtype.Should().Be(ScalarType.Float16);
                Autocast.IsEnabled.Should().BeTrue();
            }

            Autocast.Dtype.Should().Be(ScalarType.BFloat16);
            Autocast.IsEnabled.Should().BeTrue();
        }

        Autocast.Dtype.Should().Be(ScalarType.BFloat16);
        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void A_disabled_scope_outside_any_other_leaves_autocast_off()
    {
        using (var scope = Autocast.Enter(enabled: false))
        {
            scope.Enabled.Should().BeFalse();
            Autocast.IsEnabled.Should().BeFalse();
        }

        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        using var outer = Autocast.Enter();
        var inner = Autocast.Enter(enabled: false);
        inner.Dispose();
        inner.Dispose();

        Autocast.IsEnabled.Should().BeTrue("the second Dispose must not restore anything again");
    }

    [Fact]
    public void Disposing_an_outer_scope_before_its_inner_one_throws_and_changes_nothing()
    {
        var outer = Autocast.Enter();
        var inner = Autocast.Enter(enabled: false);

        var act = outer.Dispose;

        act.Should().Throw<InvalidOperationException>().WithMessage("*dispose the inner scope first*");
        Autocast.IsEnabled.Should().BeFalse("the inner scope is still in force");
        inner.Dispose();
        Autocast.IsEnabled.Should().BeTrue();
        outer.Dispose();
        Autocast.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public void Autocast_state_belongs_to_the_thread_that_opened_the_scope()
    {
        using var scope = Autocast.Enter();
        var elsewhere = true;
        var thread = new Thread(() => elsewhere = Autocast.IsEnabled);
        thread.Start();
        thread.Join();

        elsewhere.Should().BeFalse();
        Autocast.IsEnabled.Should().BeTrue();
    }

    [Fact]
    public void A_scope_opened_on_another_thread_does_not_reach_this_one()
    {
        (bool Enabled, ScalarType Dtype) insideThere = default;
        var thread = new Thread(() =>
        {
            using (Autocast.Enter(ScalarType.Float16))
            {
                insideThere = (Autocast.IsEnabled, Autocast.Dtype);
            }
        });
        using var here = Autocast.Enter(enabled: false);
        thread.Start();
        thread.Join();

        insideThere.Should().Be((true, ScalarType.Float16));
        Autocast.IsEnabled.Should().BeFalse();
        Autocast.Dtype.Should().Be(ScalarType.BFloat16);
    }

    [Fact]
    public void Disposing_on_another_thread_throws_and_changes_nothing()
    {
        var scope = Autocast.Enter();
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(scope.Dispose));
        thread.Start();
        thread.Join();

        error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("on the thread that opened it");
        Autocast.IsEnabled.Should().BeTrue();
        scope.Dispose();
        Autocast.IsEnabled.Should().BeFalse();
    }

    [Theory]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData((ScalarType)99)]
    public void Types_other_than_bfloat16_and_float16_are_refused_before_anything_changes(ScalarType type)
    {
        var act = () => Autocast.Enter(type);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"CPU autocast supports ScalarType.BFloat16 and ScalarType.Float16; got {type}*")
            .Which.ParamName.Should().Be("dtype");
        Autocast.IsEnabled.Should().BeFalse();
        Autocast.Dtype.Should().Be(ScalarType.BFloat16);
    }

    [Fact]
    public void Gradient_mode_and_autocast_are_independent()
    {
        using (no_grad())
        {
            using (Autocast.Enter())
            {
                is_grad_enabled().Should().BeFalse();
                Autocast.IsEnabled.Should().BeTrue();
            }

            is_grad_enabled().Should().BeFalse("closing autocast does not touch the gradient mode");
        }

        is_grad_enabled().Should().BeTrue();
        using (Autocast.Enter())
        {
            using (no_grad())
            {
                Autocast.IsEnabled.Should().BeTrue();
            }

            Autocast.IsEnabled.Should().BeTrue("closing no_grad does not touch autocast");
        }
    }
}
