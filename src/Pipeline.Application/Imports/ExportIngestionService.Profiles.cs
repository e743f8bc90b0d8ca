using Pipeline.Domain;
using Pipeline.Ingestion;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Application.Imports;

/// <summary>Mapping-profile blobs (<c>{tenant}/_profiles/{name}.json</c>): recorded like any file, then files parked as needs-mapping are tried again.</summary>
public sealed partial class ExportIngestionService
{
    private async Task<ImportRecord> IngestProfileAsync(TenantId tenant, InboxBlob blob, CancellationToken cancellationToken)
    {
        var name = MappingProfileLoader.ProfileName(blob.Name);
        await using var content = new HashingReadStream(await inbox.OpenReadAsync(blob, cancellationToken));
        var checkedProfile = name is null ? null : await MappingProfileLoader.ReadAsync(content, name, cancellationToken);
        var contentHash = await content.FinishAsync(cancellationToken);
        var parsed = ParsedExport.Without(ProfileResult(name, checkedProfile));
        ImportContentReader read = (_, _) => Task.FromResult(parsed);
        var existing = await imports.FindAsync(tenant, contentHash, cancellationToken);
        var record = existing is null
            ? await ClaimAndFinishAsync(NewRecord(tenant, contentHash, blob, contentHash), read, cancellationToken)
            : await HandleKnownContentAsync(existing, blob, read, cancellationToken);
        if (checkedProfile is { IsValid: true })
        {
            await RetryNeedsMappingAsync(tenant, cancellationToken);
        }

        return record;
    }

    /// <summary>Ingests again every file of the tenant that was parked as needs-mapping; those a profile now recognises become Accepted.</summary>
    private async Task RetryNeedsMappingAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        var parked = (await imports.ListAsync(tenant, cancellationToken))
            .Where(record => record is { Status: ImportStatus.Rejected, ReasonCode: RefusalCodes.NeedsMapping })
            .OrderBy(record => record.ReceivedAt)
            .ToList();
        foreach (var record in parked)
        {
            if (await inbox.FindAsync(record.BlobName, cancellationToken) is { } blob)
            {
                await IngestAsync(blob, cancellationToken);
            }
        }
    }

    private static ExportParseResult ProfileResult(string? name, MappingProfileParseResult? checkedProfile)
    {
        if (checkedProfile is null)
        {
            const string Problem = "The _profiles folder holds only mapping profiles named {name}.json directly inside it; "
                + "move this file out of the folder, or rename it to end in .json.";
            return new ExportParseResult { Format = MappingProfileLoader.FormatName, RefusalReason = Problem, FileError = Problem, ReasonCode = RefusalCodes.BadLocation };
        }

        if (checkedProfile.IsValid)
        {
            return new ExportParseResult
            {
                Format = MappingProfileLoader.FormatName,
                FormatEvidence = string.Concat("mapping profile '", name, "': files with columns ",
                    string.Join(", ", checkedProfile.Profile.MatchColumns), " are read as ", checkedProfile.Profile.FormatName),
            };
        }

        var problems = checkedProfile.Problems;
        var reason = string.Concat("The mapping profile '", name, "' has ", problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            " problem(s), so it is not used: ", string.Join("; ", problems), " Fix the JSON and drop it again.");
        return new ExportParseResult
        {
            Format = MappingProfileLoader.FormatName,
            Errors = [.. problems.Select(problem => new RowError(0, problem.Path, string.Empty, problem.Message))],
            RefusalReason = reason,
            FileError = reason,
            ReasonCode = RefusalCodes.BadProfile,
        };
    }
}
