using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Domain.Receivables;

namespace Pipeline.Application.Ledger;

/// <summary>Loads a tenant's whole ledger from the batches of its accepted imports.</summary>
/// <remarks>
/// Batches are read in received order. A line sent again in a later file replaces its earlier version
/// (<see cref="LineCorrections"/>; the source of a batch's line ids is the format recorded on its import), snapshot
/// lines are chained into one history per subscription (<see cref="SnapshotHistory"/>), the latest invoice record per
/// invoice and full refunds set the status of the lines they concern (<see cref="LedgerMerge"/>), and unused-time
/// proration credits end the subscription-item lines they credit (<see cref="ProrationCredits"/>, after the statuses,
/// so a credit on a voided invoice credits nothing). The inputs fingerprint stays the hash of the import ids: every
/// step is a function of those imports.
/// </remarks>
public sealed class TenantLedgerReader(IImportLog imports, ILedgerStore ledger, TenantSettings settings, LedgerCache cache)
{
    /// <summary>Reads the batches of every accepted import, plus <paramref name="pendingImport"/> if given.</summary>
    /// <remarks>
    /// An import being finished passes its own record, so the figures refreshed on its behalf include it before its
    /// record says Accepted: a reader who sees Accepted can rely on the provisional figures containing the file. The
    /// record passed, not the stored claim, says which format (source) the file was read as.
    /// </remarks>
    public async Task<TenantLedger> ReadAsync(TenantId tenant, CancellationToken cancellationToken, ImportRecord? pendingImport = null)
    {
        var accepted = await AcceptedAsync(tenant, pendingImport, cancellationToken);
        if (cache.Find(tenant, [.. accepted.Select(record => record.ImportId)]) is { } kept)
        {
            return kept;
        }

        var read = await AssembleAsync(tenant, accepted, cancellationToken);
        return Build(tenant, accepted, read.Side, read.Assembly);
    }

    /// <summary>
    /// The ledger a close version was computed from: the first <paramref name="inputImports"/> accepted imports in received
    /// order (the close record's count), when their fingerprint is <paramref name="inputsFingerprint"/> (the record's); null when the accepted imports no longer
    /// begin with them (an import received before the close was accepted after it, or one was removed), so the caller can
    /// say the figures come from the current ledger instead.
    /// </summary>
    /// <remarks>Figures derived from a closed month then never change silently: later imports do not reach them.</remarks>
    /// <param name="tenant">The tenant.</param>
    /// <param name="inputImports">How many imports the close read (its record's count).</param>
    /// <param name="inputsFingerprint">The close record's fingerprint of their ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<TenantLedger?> ReadAsClosedAsync(
        TenantId tenant, int inputImports, string inputsFingerprint, CancellationToken cancellationToken)
    {
        var closeInputs = await CloseInputsAsync(tenant, inputImports, inputsFingerprint, cancellationToken);
        if (closeInputs is null)
        {
            return null;
        }

        if (cache.Find(tenant, [.. closeInputs.Select(record => record.ImportId)]) is { } kept)
        {
            return kept;
        }

        var read = await AssembleAsync(tenant, closeInputs, cancellationToken);
        return Build(tenant, closeInputs, read.Side, read.Assembly, keep: false);
    }

    /// <summary>The invoice lines (<see cref="ReadInvoiceLinesAsync"/>) of the imports a close version read; null as for <see cref="ReadAsClosedAsync"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="inputImports">How many imports the close read (its record's count).</param>
    /// <param name="inputsFingerprint">The close record's fingerprint of their ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<InvoiceLedger?> ReadInvoiceLinesAsClosedAsync(
        TenantId tenant, int inputImports, string inputsFingerprint, CancellationToken cancellationToken) =>
        await CloseInputsAsync(tenant, inputImports, inputsFingerprint, cancellationToken) is { } closeInputs
            ? await InvoiceLinesAsync(tenant, closeInputs, cancellationToken)
            : null;

    /// <summary>The first <paramref name="inputImports"/> accepted imports when their fingerprint is <paramref name="inputsFingerprint"/>; else null.</summary>
    private async Task<List<ImportRecord>?> CloseInputsAsync(
        TenantId tenant, int inputImports, string inputsFingerprint, CancellationToken cancellationToken)
    {
        var accepted = await AcceptedAsync(tenant, null, cancellationToken);
        if (inputImports > accepted.Count)
        {
            return null;
        }

        var closeInputs = accepted.Take(inputImports).ToList();
        var fingerprint = ContentHash.Of(string.Join('\n', closeInputs.Select(record => record.ImportId)));
        return string.Equals(fingerprint, inputsFingerprint, StringComparison.Ordinal) ? closeInputs : null;
    }

    /// <summary>
    /// Starts the ledger of a file being ingested: its lines are handed over as they are parsed
    /// (<see cref="PendingLedger.AddAsync"/>), so the provisional refresh that finishes the import need not read back
    /// the batch just written.
    /// </summary>
    public PendingLedger BeginPending(TenantId tenant) => new(this, tenant);

    /// <summary>Reads the accepted batches a pending file's lines will follow: their side records and their lines.</summary>
    internal async Task<PendingStart> StartPendingAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await AssembleAsync(tenant, await AcceptedAsync(tenant, null, cancellationToken), cancellationToken);

    /// <summary>The side records of <paramref name="accepted"/> and an assembly holding their lines, not yet completed.</summary>
    private async Task<PendingStart> AssembleAsync(TenantId tenant, List<ImportRecord> accepted, CancellationToken cancellationToken)
    {
        var side = await ReadSideAsync(tenant, accepted, cancellationToken);

        // The lines stream in a row group at a time: only the columnar ledger outlives a group.
        var assembly = new LedgerAssembly([.. side.Documents.Values], side.Movements, ExpectedLines(accepted));
        await AddLinesAsync(tenant, accepted, assembly, cancellationToken);
        return new PendingStart(accepted, side, assembly);
    }

    /// <summary>
    /// The ledger with the pending import's lines as they were handed over, when that is the ledger
    /// <see cref="ReadAsync"/> would read with <paramref name="pendingImport"/>; null when it may not be.
    /// </summary>
    /// <remarks>
    /// It is, when the tenant's accepted imports are still those the lines began after, the pending import comes last in
    /// received order, and its committed batch has no invoice status records nor money movements (which could change the
    /// status of lines already merged). Otherwise the caller reads the ledger (<see cref="ReadAsync"/>).
    /// </remarks>
    internal async Task<TenantLedger?> CompletePendingAsync(
        TenantId tenant, PendingStart start, ImportRecord pendingImport, CancellationToken cancellationToken)
    {
        var accepted = await AcceptedAsync(tenant, pendingImport, cancellationToken);
        var sameBefore = accepted.Count == start.Accepted.Count + 1
            && string.Equals(accepted[^1].ImportId, pendingImport.ImportId, StringComparison.Ordinal)
            && accepted.Take(start.Accepted.Count).Select(record => record.ImportId)
                .SequenceEqual(start.Accepted.Select(record => record.ImportId), StringComparer.Ordinal);
        if (!sameBefore)
        {
            return null;
        }

        var batch = await ledger.ReadWithoutLinesAsync(tenant, pendingImport.ImportId, cancellationToken)
            ?? throw new InvalidOperationException(
                $"The ledger batch of import {pendingImport.ImportId} ({pendingImport.FileName}) of tenant {tenant} is missing.");
        if (batch.Documents.Count > 0 || batch.Movements.Count > 0)
        {
            return null;
        }

        start.Side.Add(batch);
        start.Assembly.NameSource(pendingImport.Format ?? string.Empty);
        return Build(tenant, accepted, start.Side, start.Assembly);
    }

    /// <summary>The tenant's money movements in import order (payments, refunds, credits): every accepted batch's, without its lines.</summary>
    public async Task<IReadOnlyList<MoneyMovement>> ReadMovementsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await ReadSideAsync(tenant, await AcceptedAsync(tenant, null, cancellationToken), cancellationToken)).Movements;

    /// <summary>
    /// The tenant's invoice lines with their invoice ids, tax and due dates, streamed from the batches: the columnar
    /// ledger of <see cref="ReadAsync"/> keeps none of those. The same rules as the ledger: the latest version of a line
    /// wins (<see cref="LineCorrections"/>) and its document's latest status applies (<see cref="LedgerMerge"/>);
    /// subscription snapshot lines are not invoices and are left out.
    /// </summary>
    public async Task<InvoiceLedger> ReadInvoiceLinesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        await InvoiceLinesAsync(tenant, await AcceptedAsync(tenant, null, cancellationToken), cancellationToken);

    private async Task<InvoiceLedger> InvoiceLinesAsync(TenantId tenant, List<ImportRecord> accepted, CancellationToken cancellationToken)
    {
        var side = await ReadSideAsync(tenant, accepted, cancellationToken);
        var merge = LedgerMerge.For([.. side.Documents.Values], side.Movements);
        var latest = new Dictionary<UInt128, InvoiceLine>();
        foreach (var record in accepted)
        {
            var source = LineCorrections.SourceIdentity(record.Format ?? string.Empty);
            await foreach (var group in ledger.ReadLinesAsync(tenant, record.ImportId, cancellationToken, everyValue: true))
            {
                foreach (var line in group)
                {
                    var merged = merge?.Apply(line) ?? line;
                    if (LineCorrections.IsCorrectable(merged))
                    {
                        latest[unchecked(LineCorrections.KeyIdentity(merged) + source)] = InvoiceLine.From(merged);
                    }
                }
            }
        }

        return new InvoiceLedger([.. latest.Values], [.. side.Documents.Values], side.Movements, side.Customers, side.Rates);
    }
    /// <summary>The tenant's survey answers (a later import replacing the same key): every accepted batch's, without its lines.</summary>
    public async Task<IReadOnlyList<SurveyResponse>> ReadResponsesAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await ReadSideAsync(tenant, await AcceptedAsync(tenant, null, cancellationToken), cancellationToken)).Responses.Values];

    private async Task AddLinesAsync(TenantId tenant, List<ImportRecord> accepted, LedgerAssembly assembly, CancellationToken cancellationToken)
    {
        foreach (var record in accepted)
        {
            var source = record.Format ?? string.Empty;
            await foreach (var group in ledger.ReadLinesAsync(tenant, record.ImportId, cancellationToken))
            {
                foreach (var line in group)
                {
                    assembly.Add(source, line);
                }
            }
        }
    }

    /// <summary>
    /// Starts building <paramref name="ledger"/>'s month-end engine on the thread pool when the ledger is the one kept for
    /// <paramref name="tenant"/> and another core can take it: an ingest calls this once its import is Accepted (its
    /// refresh built the engine at the data horizon), so the close or CLV read that follows finds the month-end one ready.
    /// </summary>
    /// <returns>The build (completed at once when nothing is built), for tests; a failure is observed here and the next use builds again.</returns>
    internal Task PrepareMonthEnds(TenantId tenant, TenantLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (Environment.ProcessorCount < 2 || ledger.FirstMonth is null || !cache.Holds(tenant, ledger))
        {
            return Task.CompletedTask;
        }

        return ledger.PrepareMonthEnds(settings.For(tenant).Metrics).ContinueWith(
            build => _ = build.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes the ledger and keeps it (<see cref="LedgerCache"/>) for the next read of the same imports.</summary>
    private TenantLedger Build(TenantId tenant, List<ImportRecord> accepted, LedgerSide side, LedgerAssembly assembly, bool keep = true)
    {
        var assembled = assembly.Complete(accepted.Select(record => record.ReceivedAt));
        var importIds = accepted.Select(record => record.ImportId).ToList();
        BillingMonth? firstMonth = assembled.EarliestStart is { } earliest
            ? BillingMonth.Containing(earliest, settings.For(tenant).BusinessTimeZone)
            : null;
        var built = new TenantLedger(assembled.Lines, side.Customers, importIds, ContentHash.Of(string.Join('\n', importIds)), firstMonth)
        {
            Spend = [.. side.Spend.Values],
            Responses = [.. side.Responses.Values],
            Rates = side.Rates,
            Movements = side.Movements,
            Documents = [.. side.Documents.Values],
            DataHorizon = assembled.DataHorizon,
        };
        if (keep)
        {
            cache.Keep(tenant, built);
        }

        return built;
    }

    /// <summary>Everything but the lines of the accepted batches: small, read before the lines stream in.</summary>
    private async Task<LedgerSide> ReadSideAsync(TenantId tenant, List<ImportRecord> accepted, CancellationToken cancellationToken)
    {
        var side = new LedgerSide();
        foreach (var record in accepted)
        {
            side.Add(await ledger.ReadWithoutLinesAsync(tenant, record.ImportId, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The ledger batch of accepted import {record.ImportId} ({record.FileName}) of tenant {tenant} is missing."));
        }

        return side;
    }

    /// <summary>Whether <paramref name="ledger"/> still holds exactly the tenant's accepted imports (one read of the import log).</summary>
    public async Task<bool> IsCurrentAsync(TenantId tenant, TenantLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var accepted = await AcceptedAsync(tenant, null, cancellationToken);
        return accepted.Select(record => record.ImportId).SequenceEqual(ledger.ImportIds, StringComparer.Ordinal);
    }

    /// <summary>The good rows the imports' records count: about the number of lines, to size the ledger's lists once.</summary>
    private static int ExpectedLines(List<ImportRecord> accepted) =>
        (int)Math.Min(int.MaxValue / 2, accepted.Sum(record => (long)Math.Max(0, record.Rows - record.RowErrors)));

    /// <summary>The accepted imports that have a batch, with <paramref name="pending"/> in place of its stored claim, in received order.</summary>
    private async Task<List<ImportRecord>> AcceptedAsync(TenantId tenant, ImportRecord? pending, CancellationToken cancellationToken) =>
        (await imports.ListAsync(tenant, cancellationToken))
            .Where(record => record.Status == ImportStatus.Accepted
                && !string.Equals(record.Format, MappingProfileLoader.FormatName, StringComparison.Ordinal) // a profile has no batch
                && !string.Equals(record.ImportId, pending?.ImportId, StringComparison.Ordinal))
            .Concat(pending is null ? [] : [pending])
            .OrderBy(record => record.ReceivedAt)
            .ThenBy(record => record.ImportId, StringComparer.Ordinal)
            .ToList();
}
