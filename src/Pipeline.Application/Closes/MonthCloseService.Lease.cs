using Pipeline.Domain;

namespace Pipeline.Application.Closes;

/// <summary>Breaking a dead closer's lease: an operator's decision, with a reason, recorded in the close audit trail.</summary>
public sealed partial class MonthCloseService
{
    /// <summary>
    /// Removes the tenant's close lease whoever holds it (a closer whose host died keeps it until it expires), and
    /// records who broke whose lease and why in the audit trail of the first month not closed (where the next close starts).
    /// </summary>
    /// <remarks>
    /// The lease is removed only as it was read (If-Match on its ETag): a lease renewed or taken over meanwhile belongs to
    /// a live closer and is left alone (<see cref="CloseLeaseBreakKind.Changed"/>). A close that was in fact still alive
    /// finds its lease gone at its next renewal and stops with Busy; version records are insert-only, so nothing it wrote
    /// can be written twice.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is not acceptable (<see cref="LeaseBreakProblem"/>).</exception>
    public async Task<CloseLeaseBreak> BreakLeaseAsync(TenantId tenant, string reason, string brokenBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brokenBy);
        if (LeaseBreakProblem(reason) is { } problem)
        {
            throw new ArgumentException(problem, nameof(reason));
        }

        var lease = await closes.FindLeaseAsync(tenant, cancellationToken);
        if (lease is null)
        {
            return new CloseLeaseBreak(CloseLeaseBreakKind.NotHeld, null, null, $"Nobody holds the close lease of tenant {tenant}: nothing to break.");
        }

        if (!await closes.TryBreakLeaseAsync(lease, cancellationToken))
        {
            var now = await closes.FindLeaseAsync(tenant, cancellationToken);
            return now is null
                ? new CloseLeaseBreak(CloseLeaseBreakKind.NotHeld, null, null, $"The close lease of tenant {tenant} was released meanwhile: nothing to break.")
                : new CloseLeaseBreak(CloseLeaseBreakKind.Changed, now, null,
                    $"The close lease of tenant {tenant} changed while it was being broken, so its closer is alive: it is held by {now.Describe()}. Nothing was broken.");
        }

        var (month, version) = await NextCloseAsync(tenant, cancellationToken);
        await audit.AppendAsync(
            new CloseAuditEntry(tenant, month, CloseAuditKinds.LeaseBroken, version, clock.GetUtcNow(), brokenBy,
                $"{reason.Trim()} (broke the close lease of {lease.Describe()})"),
            cancellationToken);
        return new CloseLeaseBreak(CloseLeaseBreakKind.Broken, lease, month,
            $"Broke the close lease of tenant {tenant} held by {lease.Describe()}; recorded in the audit trail of {month}.");
    }

    /// <summary>Why a reason for breaking a lease is not acceptable (the rule of <see cref="ReopenReason"/>), or null.</summary>
    public static string? LeaseBreakProblem(string? reason) =>
        ReopenReason.Problem(reason, "Breaking the close lease", "closer on web01 was killed during the deploy");

    /// <summary>The first month not closed and the version its next close writes: the earliest reopened month, else the month after the last closed one, else the latest due month.</summary>
    private async Task<(BillingMonth Month, int Version)> NextCloseAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var records = await closes.ListAsync(tenant, cancellationToken);
        if (records.FirstOrDefault(record => record.Status != CloseStatus.Closed) is { } reopened)
        {
            return (reopened.Month, reopened.Version + 1);
        }

        return records.Count > 0
            ? (records[^1].Month.Next(), 1)
            : (settings.For(tenant).LatestDueMonth(clock.GetUtcNow()), 1);
    }
}
