namespace Pipeline.Api.Access;

/// <summary>Who may call the HTTP API (section <c>Pipeline:Auth</c>), in both hosts.</summary>
/// <remarks>
/// <para>
/// <see cref="ReadKeys"/> maps a tenant to its BI consumers and the hash of each one's key:
/// <c>Pipeline:Auth:ReadKeys:acme:powerbi_finance = sha256:…</c> (app setting
/// <c>Pipeline__Auth__ReadKeys__acme__powerbi_finance</c>). A consumer that may read two tenants has its hash under
/// both. Rotating a key is adding a second consumer entry, switching the tool over and removing the first.
/// </para>
/// <para>Checked at start-up (<see cref="ApiAccessOptionsValidator"/>): tenant ids, hash format.</para>
/// </remarks>
public sealed class ApiAccessOptions
{
    public const string SectionName = "Pipeline:Auth";

    /// <summary>How callers are identified; <see cref="ApiAccessMode.None"/> (open, for development) by default.</summary>
    public ApiAccessMode Mode { get; set; } = ApiAccessMode.None;

    /// <summary>Tenant → consumer name → <c>sha256:…</c> of that consumer's key.</summary>
    public Dictionary<string, Dictionary<string, string>> ReadKeys { get; set; } = [];
}
