using Pipeline.Application.Closes;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Loyalty;

/// <summary>Loyalty figures per month (METRICS.md §9): the survey answers in the ledger joined to each month's per-customer snapshot.</summary>
/// <remarks>
/// <para>
/// Computed on each read, never stored, for the months that have a KPI row. A closed month is computed as of its close
/// version: against that version's locked snapshot, with only the answers whose file was accepted before the close
/// (<see cref="SurveyResponse.ImportedAt"/> ≤ <see cref="CloseRecord.ClosedAt"/>), so its figures are locked with the
/// month; a reopen and re-close makes a new version that counts what arrived meanwhile. Answers for a closed month that
/// arrived after its close count in the first open month, flagged late (METRICS.md §6).
/// </para>
/// <para>
/// An open month is computed against the snapshot the provisional refresh computes (<see cref="OpenMonths"/>, measured at
/// the data horizon), with every answer in the ledger. Churn after a response needs the following months' locked
/// snapshots, so it is known only once they are closed.
/// </para>
/// </remarks>
public sealed class LoyaltyQueryService(
    TenantLedgerReader ledgers, KpiQueryService kpis, ICloseLog closes, ICloseArtifactStore artifacts, OpenMonths openMonths, TenantSettings settings)
{
    private const int ChurnMonths = 6;

    /// <summary>The rows of the months from <paramref name="from"/> to <paramref name="to"/> (inclusive, optional); null for an unknown tenant.</summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="SegmentDimensions.All"/>.</exception>
    public async Task<LoyaltyReport?> ListAsync(
        TenantId tenant, BillingMonth? from, BillingMonth? to, string? dimension, CancellationToken cancellationToken)
    {
        CheckDimension(dimension);
        var headlines = await kpis.ListAsync(tenant, from, to, cancellationToken);
        if (headlines is null)
        {
            return null;
        }

        var calendar = settings.For(tenant);
        var ledger = await ledgers.ReadAsync(tenant, cancellationToken);
        var records = await closes.ListAsync(tenant, cancellationToken);
        var closed = records.Where(record => record.Status == CloseStatus.Closed).ToDictionary(record => record.Month);
        var snapshots = new LoyaltySnapshots(tenant, artifacts, closed);
        var open = await OpenClosingsAsync(tenant, ledger, records, headlines, cancellationToken);
        var firstOpen = closed.Count == 0 ? (BillingMonth?)null : closed.Keys.Max().Next();
        var late = LateResponses(ledger.Responses, closed, calendar.BusinessTimeZone);
        var months = new List<LoyaltyMonth>();
        foreach (var headline in headlines)
        {
            var month = headline.Kpis.Month;
            var input = closed.TryGetValue(month, out var record)
                ? await ClosedInputAsync(ledger, record, await snapshots.ClosingAsync(month, cancellationToken) ?? [], snapshots, cancellationToken)
                : new LoyaltyMonthInput
                {
                    Month = month,

                    // A month wholly after the data horizon publishes no figures (as its KPI row), not even trailing ones.
                    Responses = headline.Status == KpiStatus.AwaitingData ? [] : ledger.Responses,
                    LateResponses = month == firstOpen ? late : [],
                    Closing = open.GetValueOrDefault(month) ?? [],
                };
            var figures = LoyaltyCalculator.Compute(input with { BusinessTimeZone = calendar.BusinessTimeZone }, dimension, settings.MrrBands);
            // The close record decides, as it decided the input: a close that has written the KPI row but not yet its record is not closed yet.
            var (status, version) = record is null
                ? (headline.Status == KpiStatus.Closed ? KpiStatus.Provisional : headline.Status, headline.Version)
                : (KpiStatus.Closed, record.Version);
            months.AddRange(figures.Select(row => new LoyaltyMonth(row, status, version)));
        }

        return new LoyaltyReport(calendar.Metrics.ReportingCurrency, months);
    }

    /// <summary>
    /// The rows of close version <paramref name="version"/> of <paramref name="month"/>, also of a version reopened since:
    /// against that version's locked snapshot, with the answers accepted before that version's close (churn after it
    /// from the following months' current closes); null when that version was never closed.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is not one of <see cref="SegmentDimensions.All"/>.</exception>
    public async Task<LoyaltyReport?> FindVersionAsync(
        TenantId tenant, BillingMonth month, int version, string? dimension, CancellationToken cancellationToken)
    {
        CheckDimension(dimension);
        var record = (await closes.ListVersionsAsync(tenant, month, cancellationToken)).FirstOrDefault(closed => closed.Version == version);
        if (record is null)
        {
            return null;
        }

        var calendar = settings.For(tenant);
        var ledger = await ledgers.ReadAsync(tenant, cancellationToken);
        var closed = (await closes.ListAsync(tenant, cancellationToken))
            .Where(current => current.Status == CloseStatus.Closed)
            .ToDictionary(current => current.Month);
        var closing = await artifacts.ReadClosingAsync(tenant, month, version, cancellationToken)
            ?? throw new InvalidOperationException($"The locked snapshot of {month} (version {version}) of tenant {tenant} is missing.");
        var input = await ClosedInputAsync(ledger, record, closing, new LoyaltySnapshots(tenant, artifacts, closed), cancellationToken);
        var figures = LoyaltyCalculator.Compute(input with { BusinessTimeZone = calendar.BusinessTimeZone }, dimension, settings.MrrBands);
        return new LoyaltyReport(calendar.Metrics.ReportingCurrency, [.. figures.Select(row => new LoyaltyMonth(row, KpiStatus.Closed, version))]);
    }

    /// <summary>A tenant exists once any file was dropped for it.</summary>
    public Task<bool> TenantExistsAsync(TenantId tenant, CancellationToken cancellationToken) => kpis.TenantExistsAsync(tenant, cancellationToken);

    private static void CheckDimension(string? dimension)
    {
        if (dimension is not null && !SegmentDimensions.All.Contains(dimension, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{dimension}' is not a segment dimension.", nameof(dimension));
        }
    }

    /// <summary>A closed month version's input: its locked snapshot, the answers accepted before its close, the closed months after it.</summary>
    private static async Task<LoyaltyMonthInput> ClosedInputAsync(
        TenantLedger ledger, CloseRecord record, IReadOnlyList<CustomerMonthEnd> closing, LoyaltySnapshots snapshots, CancellationToken cancellationToken) => new()
    {
        Month = record.Month,
        Responses = [.. ledger.Responses.Where(response => response.ImportedAt is not { } imported || imported <= record.ClosedAt)],
        Closing = closing,
        Following = await snapshots.FollowingAsync(record.Month, ChurnMonths, cancellationToken),
    };

    /// <summary>The answers given in a closed month whose file was accepted after that month's close.</summary>
    private static List<SurveyResponse> LateResponses(
        IReadOnlyList<SurveyResponse> responses, Dictionary<BillingMonth, CloseRecord> closed, TimeZoneInfo timeZone) =>
        [.. responses.Where(response => response.ImportedAt is { } imported
            && closed.TryGetValue(BillingMonth.Containing(response.RespondedAt, timeZone), out var record)
            && imported > record.ClosedAt)];

    /// <summary>The computed month-end snapshots of the open months among <paramref name="headlines"/>, as the provisional refresh computes them.</summary>
    /// <remarks>A month the run cannot compute (a missing exchange rate) and the months after it get no snapshot: their answers still count, without MRR.</remarks>
    private async Task<Dictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>>> OpenClosingsAsync(
        TenantId tenant, TenantLedger ledger, IReadOnlyList<CloseRecord> records, IReadOnlyList<KpiSnapshot> headlines, CancellationToken cancellationToken)
    {
        var closings = new Dictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>>();
        var last = headlines.Where(headline => headline.Status != KpiStatus.Closed).Select(headline => (BillingMonth?)headline.Kpis.Month).Max();
        if (last is null || await openMonths.StartAsync(tenant, ledger, records, atHorizon: true, cancellationToken) is not { } run)
        {
            return closings;
        }

        while (run.Month <= last.Value)
        {
            var month = run.Month;
            var outcome = await run.NextAsync(cancellationToken);
            if (outcome.Computed is not { } computed)
            {
                break;
            }

            closings[month] = computed.Result.Closing;
        }

        return closings;
    }
}
