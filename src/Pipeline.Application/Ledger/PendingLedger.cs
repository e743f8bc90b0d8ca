using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Ledger;

/// <summary>
/// The ledger of a tenant with a file being ingested: the accepted batches, then the file's lines as they are parsed.
/// </summary>
/// <remarks>
/// <para>
/// The provisional refresh that finishes an import needs the tenant's whole ledger with the new file in it. Reading
/// the file's batch back from storage right after writing it costs more than parsing it did (Parquet decoding); the
/// ingest hands the parsed lines to the ledger's assembly as well as to the batch writer instead. The lines are the
/// same as those read back (the assembly keeps amounts and instants in the stored form, see <see cref="LedgerLines"/>);
/// their source, which scopes their ids, is the format the file is recognised as, known once it is read
/// (<see cref="LedgerAssembly.NameSource"/>).
/// </para>
/// <para>
/// The accepted batches are read when the first line arrives (a file without revenue lines never reads them here). When
/// the ledger cannot be completed this way (<see cref="TenantLedgerReader.CompletePendingAsync"/>: another import was
/// accepted meanwhile, or the file brings invoice statuses or payments), the caller reads the ledger instead.
/// </para>
/// </remarks>
public sealed class PendingLedger
{
    private readonly TenantLedgerReader _reader;
    private readonly TenantId _tenant;
    private PendingStart? _start;

    internal PendingLedger(TenantLedgerReader reader, TenantId tenant) => (_reader, _tenant) = (reader, tenant);

    /// <summary>The tenant the file belongs to.</summary>
    public TenantId Tenant => _tenant;

    /// <summary>Adds the file's next lines, in source order; the first call reads the tenant's accepted batches first.</summary>
    public async ValueTask AddAsync(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _start ??= await _reader.StartPendingAsync(_tenant, cancellationToken);
        foreach (var line in lines)
        {
            _start.Assembly.AddBeforeSource(line);
        }
    }

    /// <summary>
    /// The tenant's ledger with <paramref name="pendingImport"/> (committed, its record not yet saved) as
    /// <see cref="TenantLedgerReader.ReadAsync"/> would read it; null when it must be read instead. Call once.
    /// </summary>
    public async Task<TenantLedger?> CompleteAsync(ImportRecord pendingImport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pendingImport);
        if (_start is null)
        {
            return null;
        }

        var start = _start;
        _start = null;
        return await _reader.CompletePendingAsync(_tenant, start, pendingImport, cancellationToken);
    }
}

/// <summary>What a pending ledger began from: the accepted imports, their side records and the assembly holding their lines.</summary>
internal sealed record PendingStart(List<ImportRecord> Accepted, LedgerSide Side, LedgerAssembly Assembly);
