namespace Pipeline.Application.Closes;

/// <summary>The kinds of <see cref="CloseAuditEntry"/>.</summary>
public static class CloseAuditKinds
{
    /// <summary>A month version was closed.</summary>
    public const string Closed = "closed";

    /// <summary>A closed month was reopened (with a reason).</summary>
    public const string Reopened = "reopened";

    /// <summary>Late data changed a locked month: the entry's month is the locked one, its delta restated − locked MRR.</summary>
    public const string Restatement = "restatement";

    /// <summary>
    /// An operator broke the tenant's close lease (a dead closer's) with a reason; the entry's month is the first month
    /// not closed (where the next close starts), its reason names the holder that was broken.
    /// </summary>
    public const string LeaseBroken = "lease-broken";
}
