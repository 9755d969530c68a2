namespace MtlSharing.Torch.Tests.Runtime;

[Collection(GlobalStateCollection.Name)]
public sealed class ThreadTests
{
    [Fact]
    public void The_default_thread_count_is_the_processor_count()
    {
        get_num_threads().Should().Be(Environment.ProcessorCount);
    }

    [Fact]
    public void Set_num_threads_changes_the_count_used_by_operators()
    {
        var original = get_num_threads();
        try
        {
            set_num_threads(1);
            get_num_threads().Should().Be(1);
            using var scope = NewDisposeScope();
            var product = ones([64, 64]).matmul(ones([64, 64]));
            product.ToArray<float>().Should().HaveCount(64 * 64).And.OnlyContain(v => v == 64f);

            set_num_threads(3);
            get_num_threads().Should().Be(3);
        }
        finally
        {
            set_num_threads(original);
        }

        get_num_threads().Should().Be(original);
    }

    [Fact]
    public async Task Operators_on_other_threads_use_the_configured_count()
    {
        var original = get_num_threads();
        try
        {
            set_num_threads(2);
            var fromWorker = await Task.Factory.StartNew(
                () =>
                {
                    using var scope = NewDisposeScope();
                    ones([8]).sum().Dispose();
                    return get_num_threads();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            fromWorker.Should().Be(2);
        }
        finally
        {
            set_num_threads(original);
        }
    }
}
