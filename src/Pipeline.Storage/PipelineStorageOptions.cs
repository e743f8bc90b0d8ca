using System.ComponentModel.DataAnnotations;

namespace Pipeline.Storage;

/// <summary>Where the pipeline's blobs and tables live (section <c>PipelineStorage</c>).</summary>
/// <remarks>
/// <para>
/// The connection is either a connection string — <c>ConnectionStrings:PipelineStorage</c>, or a plain
/// <c>PipelineStorage</c> value, default <c>UseDevelopmentStorage=true</c> (Azurite) — or identity-based, the way
/// Azure Functions bindings read it: <c>PipelineStorage:blobServiceUri</c> and <c>PipelineStorage:tableServiceUri</c>,
/// with <c>PipelineStorage:credential</c> = <c>managedidentity</c> (and an optional <c>PipelineStorage:clientId</c>
/// for a user-assigned identity). Without <c>credential</c>, identity-based access uses <c>DefaultAzureCredential</c>.
/// </para>
/// <para>
/// The container and table names default to the ones in DESIGN.md; tests override them to isolate themselves.
/// </para>
/// <para>
/// <see cref="MaxRetries"/>, <see cref="RetryDelay"/> and <see cref="NetworkTimeout"/> tune the Azure SDK's retries of
/// the app's own blob and table clients (not the Functions host's trigger clients), which bound how long a caller
/// waits when storage is down.
/// </para>
/// </remarks>
public sealed class PipelineStorageOptions : IValidatableObject
{
    public const string SectionName = "PipelineStorage";

    private const string ContainerPattern = "^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$";
    private const string ContainerMessage = "must be a blob container name: 3-63 lower-case letters, digits and single hyphens.";
    private const string TablePattern = "^[A-Za-z][A-Za-z0-9]{2,62}$";
    private const string TableMessage = "must be a table name: 3-63 letters and digits, starting with a letter.";

    /// <summary>Identity-based access: the blob endpoint, for example <c>https://acct.blob.core.windows.net</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Identity-based access: the table endpoint, for example <c>https://acct.table.core.windows.net</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary><c>managedidentity</c> to use the app's managed identity; empty for <c>DefaultAzureCredential</c>.</summary>
    [RegularExpression("^(?i:managedidentity)$", ErrorMessage = "PipelineStorage:credential must be 'managedidentity' or empty.")]
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ClientId { get; set; }

    /// <summary>Where finance drops export files (read-only to the pipeline).</summary>
    [Required]
    [RegularExpression(ContainerPattern, ErrorMessage = "PipelineStorage:ExportsContainer " + ContainerMessage)]
    public string ExportsContainer { get; set; } = "exports";

    /// <summary>Normalized ledger batches (Parquet).</summary>
    [Required]
    [RegularExpression(ContainerPattern, ErrorMessage = "PipelineStorage:LedgerContainer " + ContainerMessage)]
    public string LedgerContainer { get; set; } = "ledger";

    /// <summary>Import reports (JSON).</summary>
    [Required]
    [RegularExpression(ContainerPattern, ErrorMessage = "PipelineStorage:ReportsContainer " + ContainerMessage)]
    public string ReportsContainer { get; set; } = "reports";

    /// <summary>Locked per-customer snapshots and movement drill-downs of closed months (JSON).</summary>
    [Required]
    [RegularExpression(ContainerPattern, ErrorMessage = "PipelineStorage:ClosesContainer " + ContainerMessage)]
    public string ClosesContainer { get; set; } = "closes";

    /// <summary>One record per dropped file.</summary>
    [Required]
    [RegularExpression(TablePattern, ErrorMessage = "PipelineStorage:ImportsTable " + TableMessage)]
    public string ImportsTable { get; set; } = "Imports";

    /// <summary>One record per closed month and version, and each tenant's close lease.</summary>
    [Required]
    [RegularExpression(TablePattern, ErrorMessage = "PipelineStorage:ClosesTable " + TableMessage)]
    public string ClosesTable { get; set; } = "Closes";

    /// <summary>The KPI rows BI tools read.</summary>
    [Required]
    [RegularExpression(TablePattern, ErrorMessage = "PipelineStorage:KpiSnapshotsTable " + TableMessage)]
    public string KpiSnapshotsTable { get; set; } = "KpiSnapshots";

    /// <summary>The close audit trail: closes, reopens with reasons, restatement deltas.</summary>
    [Required]
    [RegularExpression(TablePattern, ErrorMessage = "PipelineStorage:CloseAuditTable " + TableMessage)]
    public string CloseAuditTable { get; set; } = "CloseAudit";

    /// <summary>What is stored per close version at its first read: value segment KPI rows and CLV fits.</summary>
    [Required]
    [RegularExpression(TablePattern, ErrorMessage = "PipelineStorage:CloseFiguresTable " + TableMessage)]
    public string CloseFiguresTable { get; set; } = "CloseFigures";

    /// <summary>How many times the Azure SDK retries a storage request that failed for a transient reason (no answer, 408, 429, 5xx).</summary>
    /// <remarks>
    /// The same for the blob and table clients (the SDK's own defaults are 5 for blobs, 3 for tables). Ingestion and
    /// closes have retries of their own above this (the blob trigger's poison threshold, the local poller's
    /// <c>MaxIngestAttempts</c>, the close queue's dequeue count), so a few quick retries here are enough; an HTTP
    /// request waits for all of them before it answers 503.
    /// </remarks>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; each next retry waits twice as long (exponential, with jitter, at most a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one try of a request may take before it is abandoned as unanswered (the SDK's default is 100 seconds).</summary>
    /// <remarks>
    /// A stalled account (connections accepted, nothing answered) costs (<see cref="MaxRetries"/> + 1) × this plus the
    /// retry delays before the caller hears of it, and so before an HTTP client gets its 503: about two minutes with
    /// the defaults, against seven (tables) to ten (blobs) minutes with the SDK's. It bounds one try of a request,
    /// upload included: the largest single upload is a close's gzip-compressed customer snapshot, so raise it for a
    /// host that writes to a distant account over a slow link.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when the endpoints are configured, so the connection is identity-based.</summary>
    public bool IsIdentityBased => BlobServiceUri is not null || TableServiceUri is not null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BlobServiceUri is null && TableServiceUri is not null)
        {
            yield return new ValidationResult(
                "PipelineStorage:blobServiceUri is required when PipelineStorage:tableServiceUri is set.",
                [nameof(BlobServiceUri)]);
        }

        if (TableServiceUri is null && BlobServiceUri is not null)
        {
            yield return new ValidationResult(
                "PipelineStorage:tableServiceUri is required when PipelineStorage:blobServiceUri is set.",
                [nameof(TableServiceUri)]);
        }
    }
}
