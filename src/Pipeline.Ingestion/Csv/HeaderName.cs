using System.Text;

namespace Pipeline.Ingestion.Csv;

/// <summary>Normalises a header cell so columns match by name whatever the case, spacing, quotes or a leaked BOM.</summary>
internal static class HeaderName
{
    /// <summary>Trims, lower-cases (invariant), collapses runs of whitespace to one space, and drops BOMs and quotes.</summary>
    public static string Normalise(string written)
    {
        var builder = new StringBuilder(written.Length);
        var pendingSpace = false;
        foreach (var character in written)
        {
            if (character is '\uFEFF' or '"')
            {
                continue;
            }

            if (char.IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }

    /// <summary>The name as written, without a leaked BOM and surrounding whitespace, for messages.</summary>
    public static string Display(string written) => written.Replace("\uFEFF", string.Empty, StringComparison.Ordinal).Trim();
}
