namespace RethinkingSharing.Tests.Data;

/// <summary>A fact that is skipped, with the install command, when the sample's <see cref="DatasetLocator"/> finds no Fashion-MNIST.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Fashion-MNIST is not found.</summary>
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
