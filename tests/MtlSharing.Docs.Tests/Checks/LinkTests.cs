namespace MtlSharing.Docs.Tests.Checks;

/// <summary>Every relative link in README.md and docs/*.md leads to a file, folder or heading that exists.</summary>
public sealed class LinkTests
{
    /// <summary>The documentation files, one test case each.</summary>
    public static TheoryData<string> Documents() => new(Repository.DocumentationFiles);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves(string document)
    {
        var markdown = MarkdownDocument.Read(document);
        var problems = new List<string>();
        foreach (var link in markdown.Links.Where(l => !IsExternal(l.Target)))
        {
            var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
            var (target, anchor) = hash < 0 ? (link.Target, null) : (link.Target[..hash], link.Target[(hash + 1)..]);
            var resolved = target.Length == 0
                ? document
                : Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(document)!, Uri.UnescapeDataString(target)))).Replace('\\', '/');
            var full = Path.Combine(Repository.Root, resolved);
            if (resolved.StartsWith("..", StringComparison.Ordinal))
            {
                problems.Add($"{document}:{link.Line}: '{link.Target}' points outside the repository");
            }
            else if (!File.Exists(full) && !Directory.Exists(full))
            {
                problems.Add($"{document}:{link.Line}: '{link.Target}' names no file or folder ({resolved})");
            }
            else if (anchor is not null && !(resolved.EndsWith(".md", StringComparison.Ordinal) && MarkdownDocument.Read(resolved).Anchors.Contains(anchor)))
            {
                problems.Add($"{document}:{link.Line}: '{link.Target}': {resolved} has no heading with anchor '#{anchor}'");
            }
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Anchors_follow_GitHub()
    {
        AnchorSet.Slug("Routing modes and BatchNorm").Should().Be("routing-modes-and-batchnorm");
        AnchorSet.Slug("`forward(x, taskIndex)`: a task per sample").Should().Be("forwardx-taskindex-a-task-per-sample");
        var set = new AnchorSet();
        set.Add("Example");
        set.Add("Example");
        set.Anchors.Should().BeEquivalentTo(["example", "example-1"]);
    }

    [Fact]
    public void A_broken_link_is_caught()
    {
        var readme = MarkdownDocument.Read("README.md");
        readme.Links.Should().NotBeEmpty();
        readme.Anchors.Should().NotContain("no-such-heading");
    }

    private static bool IsExternal(string target) =>
        target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
}
