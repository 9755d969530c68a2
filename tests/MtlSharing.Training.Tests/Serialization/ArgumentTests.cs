using MtlSharing.Training.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace MtlSharing.Training.Tests.Serialization;

public sealed class ArgumentTests
{
    private static readonly Dictionary<string, Tensor> EmptyState = [];

    [Fact]
    public void Null_or_empty_arguments_are_rejected()
    {
        using var stream = new MemoryStream();
        using var t = ones([1]);

        FluentActions.Invoking(() => TorchFiles.Save(null!, "x.pt")).Should().Throw<ArgumentNullException>().WithParameterName("state");
        FluentActions.Invoking(() => TorchFiles.Save(EmptyState, "")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.Save(EmptyState, (string)null!)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.Save(EmptyState, (Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => TorchFiles.Save(null!, stream)).Should().Throw<ArgumentNullException>().WithParameterName("state");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(null!, "x.pt")).Should().Throw<ArgumentNullException>().WithParameterName("tensor");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(t, " ")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(t, (Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => TorchFiles.Load("")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.Load((string)null!)).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.Load((Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
        FluentActions.Invoking(() => TorchFiles.LoadTensor("")).Should().Throw<ArgumentException>().WithParameterName("path");
        FluentActions.Invoking(() => TorchFiles.LoadTensor((Stream)null!)).Should().Throw<ArgumentNullException>().WithParameterName("stream");
    }

    [Fact]
    public void A_null_tensor_is_rejected_by_name_and_nothing_is_written()
    {
        using var stream = new MemoryStream();
        var state = new Dictionary<string, Tensor> { ["layer.weight"] = null! };

        FluentActions.Invoking(() => TorchFiles.Save(state, stream)).Should().Throw<ArgumentException>()
            .WithMessage("the state entry 'layer.weight' is null; a tensor is needed*").WithParameterName("state");
        stream.Length.Should().Be(0);
    }

    [Fact]
    public void A_disposed_tensor_is_rejected_by_name()
    {
        using var stream = new MemoryStream();
        var disposed = ones([2]);
        disposed.Dispose();

        FluentActions.Invoking(() => TorchFiles.Save(new Dictionary<string, Tensor> { ["fc.bias"] = disposed }, stream))
            .Should().Throw<ObjectDisposedException>().WithMessage("the state entry 'fc.bias' has been disposed, so it cannot be saved*");
        stream.Length.Should().Be(0);
    }

    [Fact]
    public void An_element_type_without_a_PyTorch_storage_is_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        using var stream = new MemoryStream();
        var unsupported = quantize_per_tensor(ones([2]), 0.1, 0, ScalarType.QInt8);

        FluentActions.Invoking(() => TorchFiles.Save(new Dictionary<string, Tensor> { ["ok"] = ones([1]), ["odd"] = unsupported }, stream))
            .Should().Throw<ArgumentException>().WithMessage("the state entry 'odd' has the element type QInt8, which cannot be saved; supported are Float32, *");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(unsupported, stream))
            .Should().Throw<ArgumentException>().WithMessage("the tensor has the element type QInt8*");
        stream.Length.Should().Be(0);
    }

    [Fact]
    public void Streams_that_cannot_be_written_or_read_are_rejected()
    {
        using var scope = NewDisposeScope();
        using var readOnly = new MemoryStream([1, 2, 3], writable: false);
        using var closed = new MemoryStream();
        closed.Dispose();

        FluentActions.Invoking(() => TorchFiles.Save(EmptyState, readOnly)).Should().Throw<ArgumentException>().WithMessage("*not writable*");
        FluentActions.Invoking(() => TorchFiles.SaveTensor(ones([1]), readOnly)).Should().Throw<ArgumentException>().WithMessage("*not writable*");
        FluentActions.Invoking(() => TorchFiles.Load(closed)).Should().Throw<ArgumentException>().WithMessage("*not readable*");
        FluentActions.Invoking(() => TorchFiles.LoadTensor(closed)).Should().Throw<ArgumentException>().WithMessage("*not readable*");
    }
}
