namespace Pipeline.Domain;

/// <summary>The revenue lines of one received file, in source order, with the source their line ids belong to.</summary>
/// <remarks>
/// <see cref="Source"/> names the id space of <see cref="RevenueLine.LineKey"/>: the format the file was read as
/// (<c>canonical-revenue-lines</c>, <c>stripe-invoice-lines</c>, <c>paddle-transaction-lines</c>,
/// <c>chartmogul-invoices</c>, <c>profile:{name}</c> for a mapping profile). See <see cref="LineCorrections"/>.
/// </remarks>
/// <param name="Source">The source system's id space the file's line ids come from.</param>
/// <param name="Lines">The file's lines in source order.</param>
public sealed record ReceivedLines(string Source, IReadOnlyList<RevenueLine> Lines);
