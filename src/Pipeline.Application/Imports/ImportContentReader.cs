using Pipeline.Application.Ledger;

namespace Pipeline.Application.Imports;

/// <summary>Reads an import's content once its record is claimed: the parse, with the revenue lines written to <paramref name="ledgerLines"/> as they are parsed.</summary>
/// <remarks>
/// The writer belongs to the import being finished: the caller commits it when the file is accepted and abandons it
/// otherwise. A reader with nothing to write (a mapping profile, a file in the wrong folder) leaves it untouched.
/// </remarks>
internal delegate Task<ParsedExport> ImportContentReader(ILedgerBatchWriter ledgerLines, CancellationToken cancellationToken);
