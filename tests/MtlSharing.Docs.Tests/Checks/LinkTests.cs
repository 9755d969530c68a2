namespace MtlSharing.Docs.Tests.Checks;

/// <summary>Every relative link in README.md and docs/*.md leads to a file, folder or heading that exists.</summary>
public sealed class LinkTests
{
    /// <summary>The documentation files, one test case each.</summary>
    public static TheoryData<string> Documents() => new(Repository.DocumentationFiles);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves(string document) =>
        DocumentationChecks.BrokenLinks(Repository.Root, MarkdownDocument.Read(document)).Should().BeEmpty();

    [Fact]
    public void The_documentation_has_links_to_check() =>
        MarkdownDocument.Read("README.md").Links.Select(l => l.Target).Should().Contain("docs/routing.md");
}
