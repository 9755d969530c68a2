using System.Text;

namespace MtlSharing.Docs.Tests.Checks;

/// <summary>
/// The anchors GitHub gives headings: lower case, punctuation dropped, spaces turned into hyphens,
/// and "-1", "-2", … appended to repeats.
/// </summary>
internal sealed class AnchorSet
{
    private readonly HashSet<string> anchors = new(StringComparer.Ordinal);

    /// <summary>The anchors so far.</summary>
    public IReadOnlySet<string> Anchors => anchors;

    /// <summary>Adds the anchor of a heading.</summary>
    /// <param name="heading">The heading's text, without the leading #s.</param>
    public void Add(string heading)
    {
        var slug = Slug(heading);
        var anchor = slug;
        for (var repeat = 1; !anchors.Add(anchor); repeat++)
        {
            anchor = $"{slug}-{repeat}";
        }
    }

    /// <summary>The anchor of a heading before repeats are numbered.</summary>
    /// <param name="heading">The heading's text.</param>
    /// <returns>The slug.</returns>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }
}
