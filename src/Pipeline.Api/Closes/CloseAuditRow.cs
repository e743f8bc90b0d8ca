using Pipeline.Application.Closes;

namespace Pipeline.Api.Closes;

/// <summary>One audit entry of a month: closed, reopened (with reason) or restatement (with the locked month's MRR delta).</summary>
public sealed record CloseAuditRow(string Month, string Kind, int Version, DateTimeOffset At, string By, string? Reason, decimal? MrrDelta)
{
    public static CloseAuditRow From(CloseAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new CloseAuditRow(entry.Month.ToString(), entry.Kind, entry.Version, entry.At, entry.By, entry.Reason, entry.MrrDelta);
    }
}
