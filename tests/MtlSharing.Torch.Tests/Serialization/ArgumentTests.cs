namespace MtlSharing.Torch.Tests.Serialization;

public sealed class ArgumentTests
{
    private static readonly Dictionary<string, torch.Tensor> EmptyState = [];

    [Fact]
    public void Null_or_empty_arguments_are_rejected()
    {
        using var stream = new MemoryStream();

        FluentActions.Invoking(() => save(null!, "x.pt")).Should().Throw<ArgumentNullException>().WithParameterName("state");
        FluentActions.Invoking(() => save(EmptyState, "")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => save(EmptyState, (string)null!)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => save(EmptyState, (Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => save(null!, stream)).Should().Throw<ArgumentNullException>().WithParameterName("state");
        FluentActions.Invoking(() => load("")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => load((string)null!)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => load((Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
    }

    [Fact]
    public void A_null_tensor_is_rejected_by_name()
    {
        using var stream = new MemoryStream();
        var state = new Dictionary<string, torch.Tensor> { ["layer.weight"] = null! };

        FluentActions.Invoking(() => save(state, stream)).Should().Throw<ArgumentException>().WithMessage("*'layer.weight'*null*");
        stream.Length.Should().Be(0);
    }

    [Fact]
    public void Streams_that_cannot_be_written_or_read_are_rejected()
    {
        using var readOnly = new MemoryStream([1, 2, 3], writable: false);
        using var closed = new MemoryStream();
        closed.Dispose();

        FluentActions.Invoking(() => save(EmptyState, readOnly)).Should().Throw<ArgumentException>().WithMessage("*not writable*");
        FluentActions.Invoking(() => load(closed)).Should().Throw<ArgumentException>().WithMessage("*not readable*");
    }
}
