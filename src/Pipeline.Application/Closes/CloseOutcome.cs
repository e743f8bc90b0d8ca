using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>The result of closing a tenant's months through a given month.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Through">The month requested.</param>
/// <param name="ClosedNow">
/// The months this request closed, oldest first (empty when all were closed already); for a reopen, the records it
/// reopened (status Reopened), oldest first.
/// </param>
/// <param name="Message">A sentence for the caller when nothing could be closed.</param>
public sealed record CloseOutcome(CloseOutcomeKind Kind, BillingMonth Through, IReadOnlyList<CloseRecord> ClosedNow, string? Message = null);
