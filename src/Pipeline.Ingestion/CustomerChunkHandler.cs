using Pipeline.Domain;

namespace Pipeline.Ingestion;

/// <summary>Receives the customer records of a file while it is read: a chunk at a time, in row order.</summary>
/// <param name="customers">
/// Records the receiver keeps (the parser never touches them again): a customer's record when it first has one and again
/// whenever its values change, so a customer may have several; merged later over earlier
/// (<see cref="CustomerRecord.UpdateOf"/>) they give its record from the file.
/// </param>
/// <param name="cancellationToken">The parse's token.</param>
/// <remarks>
/// As with <see cref="RevenueLineChunkHandler"/>, the parser awaits the handler before it reads on, and the records of
/// a file that turns out refused have been handed on too: the receiver must not make them count before it has seen
/// the result.
/// </remarks>
public delegate ValueTask CustomerChunkHandler(IReadOnlyList<CustomerRecord> customers, CancellationToken cancellationToken);
