namespace MtlSharing.Docs.Tests.Checks;

/// <summary>
/// Every C# block in README.md and docs/*.md is quoted from a region of Examples/*.cs, which the
/// compiler builds and the example tests run; so no example in the documentation can go stale.
/// </summary>
public sealed class ExamplesMatchSourcesTests
{
    private static readonly IReadOnlyDictionary<string, string> Regions = ExampleRegions.Load();

    /// <summary>The documentation files, one test case each.</summary>
    public static TheoryData<string> Documents() => new(Repository.DocumentationFiles);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_marked_with_an_example_that_exists_and_matches_it(string document)
    {
        var problems = new List<string>();
        foreach (var block in MarkdownDocument.Read(document).Blocks.Where(b => b.IsCSharp))
        {
            if (block.Example is null)
            {
                problems.Add($"{document}:{block.Line}: a csharp block without an <!-- example: name --> marker right before it");
            }
            else if (!Regions.TryGetValue(block.Example, out var region))
            {
                problems.Add($"{document}:{block.Line}: example '{block.Example}' is no #region in tests/MtlSharing.Docs.Tests/Examples");
            }
            else if (region != block.Text)
            {
                problems.Add($"{document}:{block.Line}: the block differs from region '{block.Example}'.\n--- region:\n{region}\n--- block:\n{block.Text}");
            }
        }

        problems.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_marker_stands_right_before_a_csharp_block(string document)
    {
        var markdown = MarkdownDocument.Read(document);
        var quoted = markdown.Blocks.Where(b => b.IsCSharp && b.Example is not null).Select(b => b.Example).ToHashSet();
        markdown.Markers.Where(m => !quoted.Contains(m.Name)).Select(m => $"{document}:{m.Line}: marker '{m.Name}' is not followed by a csharp block")
            .Should().BeEmpty();
    }

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
        Regions.Should().ContainKey("readme-quick-tour");
    }
}
