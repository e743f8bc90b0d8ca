using Pipeline.Domain;

namespace Pipeline.Application.Imports;

/// <summary>Which tenant a blob in <c>exports</c> belongs to: its first folder, or the default tenant at the root.</summary>
/// <param name="Tenant">The tenant the file is recorded under.</param>
/// <param name="Problem">Why the file cannot be processed as dropped (an invalid tenant folder), or null.</param>
public sealed record ExportLocation(TenantId Tenant, string? Problem)
{
    public static ExportLocation Of(string blobName, TenantId defaultTenant)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new ExportLocation(defaultTenant, null);
        }

        var folder = blobName[..slash];
        return TenantId.TryParse(folder, out var tenant)
            ? new ExportLocation(tenant, null)
            : new ExportLocation(
                defaultTenant,
                $"The folder '{folder}' is not a tenant id. Tenant folders are lower-case letters, digits and hyphens " +
                "(for example 'acme-eu'); move the file into such a folder.");
    }
}
