namespace MtlSharing.Docs.Tests.Checks;

/// <summary>The checks themselves catch what they are meant to catch, on small made-up documents.</summary>
public sealed class CheckerTests : IDisposable
{
    private const string Source = """
        #region usings
        using System.Text;
        #endregion

        public class C
        {
            public void M()
            {
                #region body
                var text = new StringBuilder();
                #region usings
                text.Append('x');
                #endregion
                #endregion
            }
        }
        """;

    private readonly string root = Directory.CreateTempSubdirectory("mtlsharing-docs-checks-").FullName;

    [Fact]
    public void Regions_lose_their_indentation_nest_and_join_their_parts()
    {
        var regions = ExampleRegions.Parse([("C.cs", Source)]);
        regions["body"].Should().Be("var text = new StringBuilder();\ntext.Append('x');");
        regions["usings"].Should().Be("using System.Text;\n\ntext.Append('x');");
    }

    [Fact]
    public void Unbalanced_or_repeated_regions_are_refused()
    {
        FluentActions.Invoking(() => ExampleRegions.Parse([("A.cs", "#region a\nx();")])).Should().Throw<InvalidOperationException>().WithMessage("*'a' is never closed*");
        FluentActions.Invoking(() => ExampleRegions.Parse([("A.cs", "x();\n#endregion")])).Should().Throw<InvalidOperationException>().WithMessage("*without #region*");
        FluentActions.Invoking(() => ExampleRegions.Parse([("A.cs", "#region a\n#endregion"), ("B.cs", "#region a\n#endregion")]))
            .Should().Throw<InvalidOperationException>().WithMessage("*'a' is defined in both A.cs and B.cs*");
    }

    [Fact]
    public void A_matching_block_passes_and_a_stale_unmarked_or_unknown_one_fails()
    {
        var regions = ExampleRegions.Parse([("C.cs", Source)]);
        var page = """
            # Page

            <!-- example: body -->
            ```csharp
                var text = new StringBuilder();
                text.Append('x');
            ```

            <!-- example: body -->

            ```csharp
            var text = new StringBuilder();
            text.Append('y');
            ```

            ```csharp
            var unmarked = 1;
            ```

            <!-- example: missing -->
            ```csharp
            var x = 1;
            ```

            <!-- example: body -->
            Some prose breaks the marker off its block.

            ```text
            not C#, not checked
            ```
            """;
        var document = MarkdownDocument.Parse("page.md", page);
        var problems = DocumentationChecks.StaleExamples(document, regions);
        problems.Should().HaveCount(3);
        problems[0].Should().StartWith("page.md:11: the block differs from region 'body'");
        problems[1].Should().StartWith("page.md:16: a csharp block without");
        problems[2].Should().StartWith("page.md:21: example 'missing' is no #region");
        DocumentationChecks.StrayMarkers(MarkdownDocument.Parse("page.md", "<!-- example: body -->\nprose\n")).Should().ContainSingle();
    }

    [Fact]
    public void Broken_files_anchors_and_escapes_are_caught_and_good_links_pass()
    {
        Directory.CreateDirectory(Path.Combine(root, "docs", "images"));
        File.WriteAllText(Path.Combine(root, "docs", "images", "a.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(root, "docs", "other.md"), "# Other page\n\n## Routing modes and BatchNorm\n");
        var page = """
            # Main page

            [good](other.md#routing-modes-and-batchnorm), [here](#main-page), ![img](images/a.svg),
            [folder](images), [web](https://example.org/x), `[in code](nowhere.md)`

            [missing file](nothing.md)
            [missing anchor](other.md#batchnorm)
            [outside](../../etc/passwd)
            [gone](#nowhere)

            ```text
            [in a block](nowhere.md)
            ```
            """;
        var problems = DocumentationChecks.BrokenLinks(root, MarkdownDocument.Parse("docs/main.md", page));
        problems.Should().HaveCount(4);
        problems[0].Should().Contain("'nothing.md' names no file");
        problems[1].Should().Contain("has no heading with anchor '#batchnorm'");
        problems[2].Should().Contain("points outside the repository");
        problems[3].Should().Be("docs/main.md:9: '#nowhere': the page has no heading with that anchor");
    }

    [Fact]
    public void Anchors_follow_GitHub()
    {
        AnchorSet.Slug("Routing modes and BatchNorm").Should().Be("routing-modes-and-batchnorm");
        AnchorSet.Slug("How a plan is applied: the TaskSwitch").Should().Be("how-a-plan-is-applied-the-taskswitch");
        AnchorSet.Slug("`forward(x, taskIndex)`: a task per sample").Should().Be("forwardx-taskindex-a-task-per-sample");
        var set = new AnchorSet();
        set.Add("Example");
        set.Add("Example");
        set.Anchors.Should().BeEquivalentTo(["example", "example-1"]);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
