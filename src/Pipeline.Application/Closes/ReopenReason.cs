namespace Pipeline.Application.Closes;

/// <summary>What makes a reopen reason acceptable: the audit trail must say why, in words someone can read.</summary>
/// <remarks>
/// A reason is trimmed; it must hold at least one letter or digit (a reason of spaces, dashes or NUL characters says
/// nothing), no control characters other than tab and line breaks (they would hide text in the trail and in CSV), and
/// at most <see cref="MaxLength"/> characters (it is stored in a table row). The API, the CLI and the service apply
/// the same rule.
/// </remarks>
public static class ReopenReason
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxLength = 1000;

    /// <summary>Why <paramref name="reason"/> is not acceptable, or null when it is (after trimming).</summary>
    public static string? Problem(string? reason) => Problem(reason, "A reopen", "late credit note for ACME");

    /// <summary>As <see cref="Problem(string?)"/> for another audited action (breaking a close lease).</summary>
    /// <param name="reason">The reason given.</param>
    /// <param name="action">The action, as the start of a sentence (<c>Breaking the close lease</c>).</param>
    /// <param name="example">An example reason for the message.</param>
    public static string? Problem(string? reason, string action, string example)
    {
        var text = reason?.Trim() ?? string.Empty;
        if (!text.Any(char.IsLetterOrDigit))
        {
            return $"{action} needs a reason that says why in words (letters or digits), e.g. \"{example}\".";
        }

        if (text.Any(character => char.IsControl(character) && character is not ('\t' or '\r' or '\n')))
        {
            return "The reason contains control characters; send plain text.";
        }

        return text.Length > MaxLength ? $"The reason is longer than {MaxLength} characters." : null;
    }
}
