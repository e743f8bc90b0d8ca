namespace Pipeline.Ingestion;

/// <summary>Machine-readable reasons a file is refused, in <see cref="ExportParseResult.ReasonCode"/> and the import record.</summary>
public static class RefusalCodes
{
    /// <summary>No known format and no mapping profile of the tenant recognises the header: add a profile, then drop the file again.</summary>
    public const string NeedsMapping = "needs-mapping";

    /// <summary>The format was recognised but a column it requires is missing, or a needed column is duplicated.</summary>
    public const string BadHeader = "bad-header";

    /// <summary>More than the allowed share of data rows are bad.</summary>
    public const string TooManyBadRows = "too-many-bad-rows";

    /// <summary>The file cannot be read at all: empty, broken quoting, an unreadable container or encoding.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The file is over a size limit (lines, columns, row length, uncompressed bytes, workbook strings); split it or raise the setting named.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The file is in a tenant folder that is not a valid tenant id, or in a reserved folder.</summary>
    public const string BadLocation = "bad-location";

    /// <summary>A mapping profile (<c>{tenant}/_profiles/{name}.json</c>) is not valid; its problems are listed with their JSON paths.</summary>
    public const string BadProfile = "bad-profile";
}
