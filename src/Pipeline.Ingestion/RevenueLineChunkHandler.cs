using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>Receives the revenue lines of a file while it is read: a chunk at a time, in source order.</summary>
/// <param name="lines">
/// About <see cref="ExportParseOptions.LinesPerChunk"/> lines (the last chunk fewer; a row that makes several lines may
/// take a chunk a few over); the receiver's to keep: the parser never touches them again.
/// </param>
/// <param name="cancellationToken">The parse's token.</param>
/// <remarks>
/// The parser awaits the handler before it reads on, so a slow receiver slows the parse instead of letting lines pile
/// up. Lines of a file that turns out refused (too many bad rows are only known at its end) have been handed on too:
/// the receiver must not make them count before it has seen the result.
/// </remarks>
public delegate ValueTask RevenueLineChunkHandler(IReadOnlyList<RevenueLine> lines, CancellationToken cancellationToken);
