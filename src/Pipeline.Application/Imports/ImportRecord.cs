using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>The record of one dropped file (table <c>Imports</c>, partition = tenant, row = <see cref="ImportId"/>).</summary>
/// <remarks>
/// An accepted or rejected file's id is its content hash, so the same bytes are claimed once whatever their name.
/// A duplicate gets an id derived from the hash, the blob name and the blob version, so replaying its trigger
/// converges on the same record. <see cref="BlobName"/> + <see cref="BlobETag"/> is what the sweep compares with
/// the container to find files nobody processed.
/// </remarks>
public sealed record ImportRecord
{
    public required TenantId Tenant { get; init; }

    public required string ImportId { get; init; }

    /// <summary>The full blob name in the <c>exports</c> container.</summary>
    public required string BlobName { get; init; }

    /// <summary>The blob version (ETag) that was read.</summary>
    public required string BlobETag { get; init; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string ContentHash { get; init; }

    public required ImportStatus Status { get; init; }

    /// <summary>When the pipeline picked the file up (before reading it).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The detected format (for example <c>canonical-revenue-lines</c>), null when unrecognised.</summary>
    public string? Format { get; init; }

    /// <summary>Data rows read from the file.</summary>
    public int Rows { get; init; }

    /// <summary>Rows that could not be read (listed in the report).</summary>
    public int RowErrors { get; init; }

    /// <summary>Why the file was rejected or failed; null when accepted.</summary>
    public string? Reason { get; init; }

    /// <summary>The kind of refusal (<c>needs-mapping</c>, <c>bad-header</c>, <c>too-many-bad-rows</c>, <c>unreadable</c>, <c>bad-location</c>, <c>bad-profile</c>), null otherwise.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>For a duplicate: the import whose bytes it repeats.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>The earliest month any of its revenue lines starts in (business time zone).</summary>
    public BillingMonth? FirstMonth { get; init; }

    /// <summary>The latest month any of its revenue lines starts in (business time zone).</summary>
    public BillingMonth? LastMonth { get; init; }

    /// <summary>Processing attempts so far, finished or not (bounded; see <see cref="PipelineOptions.MaxIngestAttempts"/>).</summary>
    /// <remarks>Counted when a run claims or resumes the file, before it reads a row, so an attempt that kills the host counts too.</remarks>
    public int Attempts { get; init; }

    /// <summary>While <see cref="ImportStatus.Processing"/>: who holds the claim (host, process and run); null once finished or released.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>
    /// While <see cref="ImportStatus.Processing"/>: until when <see cref="LeaseOwner"/>'s claim holds (renewed while it
    /// ingests). Before it, every other run skips the file; after it, the owner is taken for dead and the next run resumes
    /// the file as a new attempt. Null once finished or released.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Whether a live run holds the claim at <paramref name="now"/> (so nobody else may resume it).</summary>
    public bool IsHeldAt(DateTimeOffset now) => Status == ImportStatus.Processing && LeaseUntil is { } until && until > now;

    /// <summary>The file name without the tenant folder, as shown to users.</summary>
    public string FileName => BlobName[(BlobName.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
