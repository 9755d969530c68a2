namespace MtlSharing.Torch.Tests.Autocast;

/// <summary>Opening, nesting and closing autocast scopes, and what is refused.</summary>
public sealed class AutocastScopeTests
{
    [Fact]
    public void Autocast_is_off_outside_any_scope_and_its_type_is_bfloat16()
    {
        is_autocast_cpu_enabled().Should().BeFalse();
        get_autocast_cpu_dtype().Should().Be(ScalarType.BFloat16);
    }

    [Fact]
    public void A_scope_turns_autocast_on_until_it_is_disposed()
    {
        using (var scope = autocast())
        {
            is_autocast_cpu_enabled().Should().BeTrue();
            get_autocast_cpu_dtype().Should().Be(ScalarType.BFloat16);
            scope.Enabled.Should().BeTrue();
            scope.Dtype.Should().Be(ScalarType.BFloat16);
        }

        is_autocast_cpu_enabled().Should().BeFalse();
    }

    [Fact]
    public void Nested_scopes_each_restore_the_state_they_found()
    {
        using (autocast())
        {
            using (autocast(enabled: false))
            {
                is_autocast_cpu_enabled().Should().BeFalse("the inner scope turns autocast off");
                using (autocast(bfloat16))
                {
                    is_autocast_cpu_enabled().Should().BeTrue();
                }

                is_autocast_cpu_enabled().Should().BeFalse();
            }

            is_autocast_cpu_enabled().Should().BeTrue("the outer scope is still open");
        }

        is_autocast_cpu_enabled().Should().BeFalse();
    }

    [Fact]
    public void A_disabled_scope_outside_any_other_leaves_autocast_off()
    {
        using (var scope = autocast(enabled: false))
        {
            scope.Enabled.Should().BeFalse();
            is_autocast_cpu_enabled().Should().BeFalse();
        }

        is_autocast_cpu_enabled().Should().BeFalse();
    }

    [Fact]
    public void Disposing_twice_is_harmless()
    {
        using var outer = autocast();
        var inner = autocast(enabled: false);
        inner.Dispose();
        inner.Dispose();

        is_autocast_cpu_enabled().Should().BeTrue("the second Dispose must not restore anything again");
    }

    [Fact]
    public void Disposing_an_outer_scope_before_its_inner_one_throws_and_changes_nothing()
    {
        var outer = autocast();
        var inner = autocast(enabled: false);

        var act = outer.Dispose;

        act.Should().Throw<InvalidOperationException>().WithMessage("*dispose the inner scope first*");
        is_autocast_cpu_enabled().Should().BeFalse("the inner scope is still in force");
        inner.Dispose();
        is_autocast_cpu_enabled().Should().BeTrue();
        outer.Dispose();
        is_autocast_cpu_enabled().Should().BeFalse();
    }

    [Fact]
    public void Autocast_state_belongs_to_the_thread_that_opened_the_scope()
    {
        using var scope = autocast();
        var elsewhere = true;
        var thread = new Thread(() => elsewhere = is_autocast_cpu_enabled());
        thread.Start();
        thread.Join();

        elsewhere.Should().BeFalse();
        is_autocast_cpu_enabled().Should().BeTrue();
    }

    [Fact]
    public void Disposing_on_another_thread_throws_and_changes_nothing()
    {
        var scope = autocast();
        Exception? error = null;
        var thread = new Thread(() => error = Record.Exception(scope.Dispose));
        thread.Start();
        thread.Join();

        error.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("on the thread that opened it");
        is_autocast_cpu_enabled().Should().BeTrue();
        scope.Dispose();
        is_autocast_cpu_enabled().Should().BeFalse();
    }

    [Theory]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Float32)]
    [InlineData((ScalarType)99)]
    public void Types_other_than_bfloat16_are_refused_before_anything_changes(ScalarType type)
    {
        var act = () => autocast(type);

        act.Should().Throw<ArgumentException>()
            .WithMessage($"CPU autocast supports only ScalarType.BFloat16 in libtorch 1.13; got {type}*")
            .Which.ParamName.Should().Be("dtype");
        is_autocast_cpu_enabled().Should().BeFalse();
        get_autocast_cpu_dtype().Should().Be(ScalarType.BFloat16);
    }

    [Fact]
    public void Gradient_mode_and_autocast_are_independent()
    {
        using (no_grad())
        {
            using (autocast())
            {
                is_grad_enabled().Should().BeFalse();
                is_autocast_cpu_enabled().Should().BeTrue();
            }

            is_grad_enabled().Should().BeFalse("closing autocast does not touch the gradient mode");
        }

        is_grad_enabled().Should().BeTrue();
        using (autocast())
        {
            using (no_grad())
            {
                is_autocast_cpu_enabled().Should().BeTrue();
            }

            is_autocast_cpu_enabled().Should().BeTrue("closing no_grad does not touch autocast");
        }
    }
}
