namespace MtlSharing.Docs.Tests.Checks;

/// <summary>
/// Every relative link in README.md, docs/*.md and the package READMEs leads to a file, folder or
/// heading that exists; and the package READMEs, which nuget.org shows outside the repository, have
/// no relative links at all.
/// </summary>
public sealed class LinkTests
{
    /// <summary>The documentation files, one test case each.</summary>
    public static TheoryData<string> Documents() => new(Repository.DocumentationFiles);

    /// <summary>The package READMEs, one test case each.</summary>
    public static TheoryData<string> PackageReadmes() => new(Repository.PackageReadmes);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves(string document) =>
        DocumentationChecks.BrokenLinks(Repository.Root, MarkdownDocument.Read(document)).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(PackageReadmes))]
    public void A_package_readme_links_only_to_absolute_addresses(string readme) =>
        MarkdownDocument.Read(readme).Links.Select(l => l.Target).Where(t => !DocumentationChecks.IsExternal(t))
            .Should().BeEmpty("nuget.org shows the README without the repository around it");

    [Fact]
    public void The_documentation_has_links_to_check() =>
        MarkdownDocument.Read("README.md").Links.Select(l => l.Target).Should().Contain("docs/routing.md");
}
