using System.ComponentModel.DataAnnotations;

namespace Pipeline.Application;

/// <summary>The pipeline's business settings (section <c>Pipeline</c>; in Functions <c>Pipeline__ReportingCurrency</c> …).</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>ISO 4217 code every figure is reported in. A line in another currency is a row error for now.</summary>
    [Required]
    [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "Pipeline:ReportingCurrency must be an ISO 4217 code such as EUR.")]
    public string ReportingCurrency { get; set; } = "EUR";

    /// <summary>IANA time zone id month boundaries are taken in (for example Europe/Amsterdam).</summary>
    [Required]
    public string BusinessTimeZone { get; set; } = "UTC";

    /// <summary>An open or past-due invoice line stops counting for MRR once it is more than this many days past due.</summary>
    [Range(0, 365)]
    public int DelinquencyDays { get; set; } = 30;

    /// <summary>A month is due for close this many days after it ends.</summary>
    [Range(0, 60)]
    public int CloseLagDays { get; set; } = 3;

    /// <summary>Six-field NCRONTAB schedule of the close job (seconds first), evaluated in UTC.</summary>
    [Required]
    public string CloseSchedule { get; set; } = "0 0 2 * * *";

    /// <summary>The tenant a file dropped at the root of <c>exports</c> belongs to.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", ErrorMessage = "Pipeline:DefaultTenant must be a lower-case slug.")]
    public string DefaultTenant { get; set; } = "default";

    /// <summary>A file with a larger share of bad rows is refused as a whole.</summary>
    [Range(0.0, 1.0)]
    public double MaxBadRowFraction { get; set; } = 0.05;

    /// <summary>Gross margin (fraction) used for LTV and CAC payback; 1 means revenue-based figures until finance sets it.</summary>
    [Range(0.0, 1.0)]
    public decimal GrossMargin { get; set; } = 1m;

    /// <summary>The lifetime cap (months) of LtvCapped.</summary>
    [Range(1, 600)]
    public int LtvCapMonths { get; set; } = 60;

    /// <summary>
    /// The yearly discount rate of the model-based CLV (METRICS.md §8), above 0 and at most 1: a k-month billing period is
    /// discounted at (1 + rate)^(k/12) − 1.
    /// </summary>
    public decimal ClvDiscountRate { get; set; } = Pipeline.Domain.Clv.ClvDiscount.DefaultYearlyRate;

    /// <summary>Comma-separated lower bounds of the MRR bands of segment dimension <c>band</c>, in the reporting currency (e.g. <c>100,1000,10000</c>); empty for none.</summary>
    public string MrrBands { get; set; } = "100,1000,10000";

    /// <summary>
    /// Attempts at a file before it is marked Failed: attempts that failed for infrastructure reasons and attempts that
    /// never finished (the host stopped or ran out of memory while ingesting it) both count; the count is kept on the
    /// import record, so it survives restarts.
    /// </summary>
    [Range(1, 20)]
    public int MaxIngestAttempts { get; set; } = 3;

    /// <summary>The most lines a file (or one zip member) may have; a longer file is refused as too large while it streams.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxFileLines { get; set; } = 20_000_000;

    /// <summary>The most bytes the members of one zip may inflate to together.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The most a zip member may expand (uncompressed bytes per compressed byte) once past its first MiB.</summary>
    [Range(2, 1_000_000)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>
    /// How long an ingest's claim on a file holds without being renewed (renewed every quarter of it while the file is
    /// ingested). Once it has passed, the claim's owner is taken for dead and the next run resumes the file as a new
    /// attempt; until then every other run skips the file.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IngestLeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Bad rows an import report keeps in full (row, column, value, message); the rest are counted per column and
    /// message, so a file with a million bad rows still has a small report. The file's bad-row total stays exact.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxReportedRowErrors { get; set; } = 1_000;

    /// <summary>
    /// Ledger lines the host keeps in memory between runs (about 45 bytes a line): the ledgers last read or built for
    /// their tenants, reused while the tenant's accepted imports are the same (a close after an ingest, CLV and customer
    /// reads), with the MRR engines built over them (about 17 bytes a line each, at most two: month ends and the data
    /// horizon). The least recently used tenant's ledger goes first; a ledger larger than this is never kept. 0 keeps none.
    /// </summary>
    [Range(0L, 1_000_000_000L)]
    public long LedgerCacheLines { get; set; } = 2_000_000;

    /// <summary>
    /// How long a KPI read may serve a tenant's rows from memory without reading its change stamp: a close, reopen or
    /// refresh run by this instance is seen at once, one run by another instance within this time. Under steady reads the
    /// stamp is read again in the background after half of it, so no request waits for storage. 0 reads it on every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan KpiReadMaxStaleness { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the <c>Amount</c> of a Stripe subscriptions export is per unit (so MRR = Amount × Quantity) rather than
    /// the subscription's total. Stripe does not document it; confirm with one subscription of quantity 2.
    /// </summary>
    public bool StripeAmountIsPerUnit { get; set; } = true;

    /// <summary>
    /// Per-tenant overrides keyed by tenant id (<c>Pipeline:Tenants:acme-us:BusinessTimeZone</c>,
    /// <c>Pipeline:Tenants:acme-us:CloseLagDays</c>): when that tenant's months are due for close.
    /// </summary>
    public Dictionary<string, TenantOverrideOptions> Tenants { get; } = new(StringComparer.Ordinal);
}
