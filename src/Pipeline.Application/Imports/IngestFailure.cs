namespace Pipeline.Application.Imports;

/// <summary>The reason a Failed import shows: a sentence for the user with an error id, never the exception's own text.</summary>
/// <remarks>
/// An exception's message is written for developers and may carry storage responses, headers or internal limits
/// ("Index was outside the bounds of the array.", a raw 412). The import record gets this sentence, with the exception's
/// type and an error id; the log gets the whole exception under the same id.
/// </remarks>
public static class IngestFailure
{
    /// <summary>A short id that ties a Failed import's reason to its log entry.</summary>
    public static string NewErrorId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The reason stored for a file that failed <paramref name="attempts"/> times with <paramref name="exception"/>.</summary>
    public static string Reason(Exception exception, int attempts, string errorId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"Processing failed {attempts} time{(attempts == 1 ? string.Empty : "s")} with an internal error " +
            $"({exception.GetType().Name}, error id {errorId}), so the file was not counted. The file itself is fine to keep: " +
            "upload it again to retry, and if it fails again, give the error id to whoever runs the pipeline (the host's log has the details under it).";
    }
}
