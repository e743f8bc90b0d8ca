using Pipeline.Ingestion;

namespace Pipeline.Application.Imports;

/// <summary>What an import report keeps of a file's bad rows: the first errors in full, counts for the rest.</summary>
/// <remarks>
/// <para>
/// A file with a million bad rows would otherwise give a report of hundreds of megabytes, read back whole by every API
/// call. So the first <c>Pipeline:MaxReportedRowErrors</c> errors are listed (row, column, value, message), and the
/// others are counted per column and message (<see cref="RowErrorCount"/>, at most as many groups as listed errors;
/// more are counted under their column as <see cref="OtherMessages"/>). The record's bad-row total stays exact.
/// </para>
/// <para>
/// A message quotes its row's value (<c>'abc' is not a number</c>), so a listed error would store the value twice:
/// it is stored once, in <see cref="RowError.Value"/>, with <c>'{value}'</c> in the message where it was quoted
/// (<see cref="Compact"/>); readers put it back (<see cref="Expand"/>). The same form groups the counted messages.
/// </para>
/// </remarks>
public static class ReportedRowErrors
{
    /// <summary>Where a counted message stands for several distinct messages of one column.</summary>
    public const string OtherMessages = "(other messages)";

    private const string Placeholder = "'{value}'";

    /// <summary>The listed errors (compact) and the counts of the rest, in file order.</summary>
    public static (IReadOnlyList<RowError> Listed, IReadOnlyList<RowErrorCount> Counts) Cap(IReadOnlyList<RowError> errors, int maxListed)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxListed);
        var listed = errors.Take(maxListed).Select(Compact).ToList();
        var counts = new Dictionary<(string Column, string Message), RowErrorCount>();
        foreach (var error in errors.Skip(maxListed))
        {
            var compact = Compact(error);
            var key = (compact.Column, compact.Message);
            if (!counts.ContainsKey(key) && counts.Count >= maxListed)
            {
                key = (compact.Column, OtherMessages);
            }

            counts[key] = counts.TryGetValue(key, out var count)
                ? count with { Count = count.Count + 1 }
                : new RowErrorCount(key.Column, key.Message, 1, error.Row, error.Value);
        }

        return (listed, counts.Values.ToList());
    }

    /// <summary>The error with its quoted value in the message replaced by <c>'{value}'</c>.</summary>
    public static RowError Compact(RowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Value.Length == 0
            ? error
            : error with { Message = error.Message.Replace($"'{error.Value}'", Placeholder, StringComparison.Ordinal) };
    }

    /// <summary>The message of a stored error as it was written, its value quoted again.</summary>
    public static string Expand(RowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Message.Replace(Placeholder, $"'{error.Value}'", StringComparison.Ordinal);
    }
}
