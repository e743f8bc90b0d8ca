namespace Pipeline.Application.Closes;

/// <summary>How breaking a tenant's close lease ended.</summary>
public enum CloseLeaseBreakKind
{
    /// <summary>The lease was removed and the break recorded in the audit trail; the next close may run at once.</summary>
    Broken,

    /// <summary>Nobody held the lease: nothing to break (HTTP 404).</summary>
    NotHeld,

    /// <summary>The lease was renewed, released or taken over while it was being broken: a closer is alive (HTTP 409).</summary>
    Changed,
}
