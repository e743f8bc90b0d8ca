namespace Pipeline.Application.Imports;

/// <summary>Where a dropped file stands.</summary>
public enum ImportStatus
{
    /// <summary>Claimed, being written; a replay resumes it.</summary>
    Processing,

    /// <summary>Its rows are in the ledger (bad rows, if any, are listed in the report).</summary>
    Accepted,

    /// <summary>Refused as a whole: nothing from it entered the ledger; the report says why.</summary>
    Rejected,

    /// <summary>The same bytes were already imported under another name or version; nothing changed.</summary>
    Duplicate,

    /// <summary>Processing kept failing for an infrastructure reason; the error is recorded.</summary>
    Failed,
}
