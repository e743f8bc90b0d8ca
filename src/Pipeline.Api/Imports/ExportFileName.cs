namespace Pipeline.Api.Imports;

/// <summary>What an uploaded export may be called: one file name, which becomes <c>exports/{tenant}/{name}</c>.</summary>
/// <remarks>
/// A name is a single path segment, so an upload can reach only its tenant's folder; it may not start with <c>.</c> or
/// <c>_</c> (<c>_profiles</c> and hidden files are the tenant's configuration, not exports), end with a dot or a space
/// (storage trims those), or hold <c>/ \ # ? %</c> or control characters (storage URLs give them other meanings).
/// </remarks>
public static class ExportFileName
{
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> cannot be an export's name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "An upload needs a file name: PUT …/exports/{fileName}.";
        }

        var shown = name.Length <= MaxLength ? name : string.Concat(name.AsSpan(0, MaxLength), "…");
        return name.Length > MaxLength || name[0] is '.' or '_' || name[^1] is '.' or ' '
            || name.AsSpan().IndexOfAny("/\\#?%") >= 0 || name.Any(char.IsControl)
            ? $"'{shown}' is not an export file name: use at most {MaxLength} characters without / \\ # ? % or control characters, " +
              "not starting with '.' or '_' and not ending with '.' or a space (for example revenue-2026-10.csv)."
            : null;
    }
}
