using Pipeline.Application.Closes;

namespace Pipeline.Api.Closes;

/// <summary>
/// <c>GET /api/tenants/{tenant}/closes/{month}</c>: the month's status (open, closed, reopened), its current version,
/// who closed it when from which inputs, the pending restatement delta (late data since the close, rounded to the
/// currency), every version and the audit trail.
/// </summary>
public sealed record CloseStateResponse(
    string Month,
    string Status,
    int Version,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? InputsFingerprint,
    string? Currency,
    decimal? Mrr,
    decimal? PendingRestatementDelta,
    IReadOnlyList<CloseRow> Versions,
    IReadOnlyList<CloseAuditRow> Audit)
{
    public static CloseStateResponse From(MonthCloseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var current = state.Current;
        return new CloseStateResponse(
            state.Month.ToString(),
            state.Status.ToString(),
            state.Version,
            current?.ClosedAt,
            current?.ClosedBy,
            current?.InputsFingerprint,
            current?.Currency.Code,
            current is null ? null : current.Currency.Round(current.Mrr),
            state.PendingRestatementDelta is { } delta && current is not null ? current.Currency.Round(delta) : state.PendingRestatementDelta,
            state.Versions.Select(CloseRow.From).ToList(),
            state.Audit.Select(CloseAuditRow.From).ToList());
    }
}
