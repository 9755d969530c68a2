namespace MtlSharing.Docs.Tests.Checks;

/// <summary>
/// Every C# block in README.md, docs/*.md and the package READMEs (src/*/README.md) is quoted from a
/// region of Examples/*.cs, which the compiler builds and the example tests run; so no example in
/// the documentation can go stale.
/// </summary>
public sealed class ExamplesMatchSourcesTests
{
    private static readonly IReadOnlyDictionary<string, string> Regions = ExampleRegions.Load();

    /// <summary>The documentation files, one test case each.</summary>
    public static TheoryData<string> Documents() => new(Repository.DocumentationFiles);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_marked_with_an_example_that_exists_and_matches_it(string document) =>
        DocumentationChecks.StaleExamples(MarkdownDocument.Read(document), Regions).Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_marker_stands_right_before_a_csharp_block(string document) =>
        DocumentationChecks.StrayMarkers(MarkdownDocument.Read(document)).Should().BeEmpty();

    [Fact]
    public void Every_example_region_is_quoted_somewhere()
    {
        var quoted = Repository.DocumentationFiles.SelectMany(d => MarkdownDocument.Read(d).Blocks).Select(b => b.Example).ToHashSet();
        Regions.Keys.Where(name => !quoted.Contains(name)).Should().BeEmpty("an example no page quotes is dead code");
    }

    [Fact]
    public void The_checks_see_the_documentation_and_its_examples()
    {
        Repository.DocumentationFiles.Should().Contain(["README.md", "docs/sharing-plans.md", "docs/routing.md", "docs/coming-from-torchsharp.md"]);
        Repository.DocumentationFiles.Should().Contain(["src/MtlSharing/README.md", "src/MtlSharing.Training/README.md"], "the package READMEs ship inside the NuGet packages");
        Repository.PackageReadmes.Should().HaveCount(5, "five libraries are packed, each with its README");
        Regions.Should().ContainKeys("readme-quick-tour", "package-mtlsharing", "torchsharp-own-model");
    }
}
