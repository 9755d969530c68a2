using MtlSharing.Training.Data;

namespace MtlSharing.Training.Tests.Data;

/// <summary>A fact that is skipped, with the reason, when Fashion-MNIST is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="DatasetLocator.FashionMnistDirectory()"/> finds nothing.</summary>
    public FashionMnistFactAttribute()
    {
        try
        {
            DatasetLocator.FashionMnistDirectory();
        }
        catch (DatasetNotFoundException e)
        {
            Skip = e.Message;
        }
    }
}
