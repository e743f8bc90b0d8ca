using Pipeline.Application.Imports;
using Pipeline.Domain;

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
public sealed class TenantLedgerReader(IImportLog imports, ILedgerStore ledger, TenantSettings settings)
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

        var (customers, spend, rates, movements, documents) = await ReadSideAsync(tenant, accepted, cancellationToken);

        // The lines stream in a row group at a time: only the columnar ledger outlives a group.
        var assembly = new LedgerAssembly([.. documents.Values], movements, ExpectedLines(accepted));
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

        var assembled = assembly.Complete(accepted.Select(record => record.ReceivedAt));
        var importIds = accepted.Select(record => record.ImportId).ToList();
        BillingMonth? firstMonth = assembled.EarliestStart is { } earliest
            ? BillingMonth.Containing(earliest, settings.For(tenant).BusinessTimeZone)
            : null;
        return new TenantLedger(assembled.Lines, customers, importIds, ContentHash.Of(string.Join('\n', importIds)), firstMonth)
        {
            Spend = [.. spend.Values],
            Rates = rates,
            Movements = movements,
            Documents = [.. documents.Values],
            DataHorizon = assembled.DataHorizon,
        };
    }

    /// <summary>The tenant's money movements in import order (payments, refunds, credits): every accepted batch's, without its lines.</summary>
    public async Task<IReadOnlyList<MoneyMovement>> ReadMovementsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        (await ReadSideAsync(tenant, await AcceptedAsync(tenant, null, cancellationToken), cancellationToken)).Movements;

    /// <summary>Everything but the lines of the accepted batches: small, read before the lines stream in.</summary>
    private async Task<(Dictionary<string, CustomerRecord> Customers, Dictionary<string, SpendRecord> Spend, List<ExchangeRate> Rates,
        List<MoneyMovement> Movements, Dictionary<string, InvoiceDocument> Documents)> ReadSideAsync(
        TenantId tenant, List<ImportRecord> accepted, CancellationToken cancellationToken)
    {
        var customers = new Dictionary<string, CustomerRecord>(StringComparer.Ordinal);
        var spend = new Dictionary<string, SpendRecord>(StringComparer.Ordinal);
        var rates = new List<ExchangeRate>();
        var movements = new List<MoneyMovement>();
        var documents = new Dictionary<string, InvoiceDocument>(StringComparer.Ordinal);
        foreach (var record in accepted)
        {
            var batch = await ledger.ReadWithoutLinesAsync(tenant, record.ImportId, cancellationToken)
                ?? throw new InvalidOperationException(
                    $"The ledger batch of accepted import {record.ImportId} ({record.FileName}) of tenant {tenant} is missing.");
            rates.AddRange(batch.Rates);
            movements.AddRange(batch.Movements);
            foreach (var document in batch.Documents)
            {
                documents[document.InvoiceId] = document;
            }

            foreach (var row in batch.Spend)
            {
                spend[row.Key] = row;
            }

            foreach (var customer in batch.Customers)
            {
                customers[customer.CustomerId] = customers.TryGetValue(customer.CustomerId, out var earlier)
                    ? customer.UpdateOf(earlier)
                    : customer;
            }
        }

        return (customers, spend, rates, movements, documents);
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
