namespace Pipeline.Application;

/// <summary>One tenant's overrides of the close calendar (<c>Pipeline:Tenants:{tenant}:…</c>); unset values take the default.</summary>
public sealed class TenantOverrideOptions
{
    /// <summary>IANA time zone id the tenant's months end in for close (for example America/New_York).</summary>
    public string? BusinessTimeZone { get; set; }

    /// <summary>Days after its end a month of this tenant is due for close (0–60).</summary>
    public int? CloseLagDays { get; set; }
}
