using System.Collections.Concurrent;
using System.Text;
using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Application.Imports;

/// <summary>A tenant's mapping profiles: the blobs <c>exports/{tenant}/_profiles/{name}.json</c>, read and checked.</summary>
/// <remarks>
/// Read before every other file of the tenant is parsed, so a profile counts from the moment it is dropped. Parsed
/// profiles are remembered by blob version, so a poll costs one prefix listing; an invalid profile is left out (its
/// own import record, Rejected, says why).
/// </remarks>
public sealed class MappingProfileLoader(IExportInbox inbox)
{
    /// <summary>The format recorded for a profile blob.</summary>
    public const string FormatName = "mapping-profile";

    /// <summary>The folder, inside a tenant's folder, that holds its profiles.</summary>
    public const string Folder = "_profiles";

    private const string Extension = ".json";

    private readonly ConcurrentDictionary<(string Name, string ETag), MappingProfileParseResult> _parsed = new();

    /// <summary>True for any blob in a tenant's profile folder (<c>{tenant}/_profiles/…</c>), valid name or not.</summary>
    public static bool IsInProfileFolder(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && blobName.AsSpan(slash + 1).StartsWith(string.Concat(Folder, "/"), StringComparison.Ordinal);
    }

    /// <summary>The profile's name for <c>{tenant}/_profiles/{name}.json</c>; null for anything else in the folder.</summary>
    public static string? ProfileName(string blobName)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        var parts = blobName.Split('/');
        var isProfile = parts.Length == 3 && parts[1] == Folder
            && parts[2].EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && parts[2].Length > Extension.Length;
        return isProfile ? parts[2][..^Extension.Length] : null;
    }

    /// <summary>The tenant's valid profiles, ordered by name (the first that recognises a file reads it).</summary>
    public async Task<IReadOnlyList<MappingProfile>> LoadAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var profiles = new List<MappingProfile>();
        await foreach (var blob in inbox.ListAsync(string.Concat(tenant.Value, "/", Folder, "/"), cancellationToken))
        {
            if (ProfileName(blob.Name) is not { } name)
            {
                continue;
            }

            if (!_parsed.TryGetValue((blob.Name, blob.ETag), out var parsed))
            {
                await using var content = await inbox.OpenReadAsync(blob, cancellationToken);
                parsed = await ReadAsync(content, name, cancellationToken);
                _parsed[(blob.Name, blob.ETag)] = parsed;
            }

            if (parsed.IsValid)
            {
                profiles.Add(parsed.Profile);
            }
        }

        return [.. profiles.OrderBy(profile => profile.Name, StringComparer.Ordinal)];
    }

    /// <summary>Reads and checks one profile's JSON (UTF-8, with or without BOM).</summary>
    public static async Task<MappingProfileParseResult> ReadAsync(Stream content, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var json = await reader.ReadToEndAsync(cancellationToken);
        return MappingProfileJson.Parse(json, name);
    }
}
