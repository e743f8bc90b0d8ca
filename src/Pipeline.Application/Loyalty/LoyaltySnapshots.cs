using Pipeline.Application.Closes;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;

namespace Pipeline.Application.Loyalty;

/// <summary>The locked snapshots of a tenant's closed months, read once each for one loyalty read.</summary>
internal sealed class LoyaltySnapshots(TenantId tenant, ICloseArtifactStore artifacts, IReadOnlyDictionary<BillingMonth, CloseRecord> closed)
{
    private readonly Dictionary<BillingMonth, IReadOnlyList<CustomerMonthEnd>?> _read = [];

    /// <summary>The locked snapshot of the current close version of <paramref name="month"/>; null when the month is not closed.</summary>
    /// <exception cref="InvalidOperationException">The month is closed but its snapshot is missing.</exception>
    public async Task<IReadOnlyList<CustomerMonthEnd>?> ClosingAsync(BillingMonth month, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(month, out var known))
        {
            return known;
        }

        var snapshot = closed.TryGetValue(month, out var record)
            ? await artifacts.ReadClosingAsync(tenant, month, record.Version, cancellationToken)
                ?? throw new InvalidOperationException($"The locked snapshot of {month} (version {record.Version}) of tenant {tenant} is missing.")
            : null;
        _read[month] = snapshot;
        return snapshot;
    }

    /// <summary>The locked snapshots of the months after <paramref name="month"/>, in order, up to <paramref name="count"/> and while they are closed.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<CustomerMonthEnd>>> FollowingAsync(BillingMonth month, int count, CancellationToken cancellationToken)
    {
        var following = new List<IReadOnlyList<CustomerMonthEnd>>();
        for (var next = month.Next(); following.Count < count && await ClosingAsync(next, cancellationToken) is { } snapshot; next = next.Next())
        {
            following.Add(snapshot);
        }

        return following;
    }
}
