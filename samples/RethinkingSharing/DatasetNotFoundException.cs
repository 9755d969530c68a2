namespace RethinkingSharing;

/// <summary>A dataset the study needs is not installed; the message says how to install it.</summary>
internal sealed class DatasetNotFoundException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataset">The dataset's name, for example "Fashion-MNIST".</param>
    /// <param name="installCommand">The shell command that installs it.</param>
    /// <param name="message">The full explanation.</param>
    public DatasetNotFoundException(string dataset, string installCommand, string message)
        : base(message)
    {
        Dataset = dataset;
        InstallCommand = installCommand;
    }

    /// <summary>The dataset's name.</summary>
    public string Dataset { get; }

    /// <summary>The shell command that installs the dataset.</summary>
    public string InstallCommand { get; }
}
