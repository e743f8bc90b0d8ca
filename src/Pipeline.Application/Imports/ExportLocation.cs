using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>Which tenant a blob in <c>exports</c> belongs to: its first folder, or the default tenant at the root.</summary>
/// <param name="Tenant">The tenant the file belongs to (the default tenant when its folder is not a tenant id).</param>
/// <param name="Problem">Why the file cannot be processed as dropped (an invalid tenant folder, a <c>.</c> or <c>..</c> segment), or null.</param>
/// <param name="InTenantFolder">
/// Whether the file is at the root or in a valid tenant folder, so its record belongs in that tenant's import list; false
/// for a folder that is not a tenant id, whose files belong to no tenant (they are logged, never listed under the default tenant).
/// </param>
public sealed record ExportLocation(TenantId Tenant, string? Problem, bool InTenantFolder = true)
{
    public static ExportLocation Of(string blobName, TenantId defaultTenant)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new ExportLocation(defaultTenant, DotSegmentProblem(blobName));
        }

        var folder = blobName[..slash];
        return TenantId.TryParse(folder, out var tenant)
            ? new ExportLocation(tenant, DotSegmentProblem(blobName))
            : new ExportLocation(
                defaultTenant,
                $"The folder '{Shortened(folder)}' is not a tenant id. Tenant folders are lower-case letters, digits and hyphens " +
                "(for example 'acme-eu'); move the file into such a folder.",
                InTenantFolder: false);
    }

    /// <summary>
    /// The problem of a name with a <c>.</c> or <c>..</c> segment: storage URLs resolve those away, so such a blob cannot
    /// be read back under its own name (reads would reach another blob, or none).
    /// </summary>
    private static string? DotSegmentProblem(string blobName) =>
        blobName.Split('/').Any(segment => segment is "." or "..")
            ? $"The name '{Shortened(blobName)}' has a '.' or '..' folder, which storage addresses cannot reach, so the file cannot be read. " +
              "Upload it again under a name without '.' or '..' folders (for example acme/revenue.csv)."
            : null;

    private static string Shortened(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
