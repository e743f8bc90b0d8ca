namespace Pipeline.Api.Imports;

/// <summary>The answer to an upload: where the file was dropped; its import record follows once the poller or trigger ingests it.</summary>
/// <param name="Tenant">The tenant whose folder the file is in.</param>
/// <param name="FileName">The file's name, as the import list will show it.</param>
/// <param name="Blob">The blob in <c>exports</c>: <c>{tenant}/{fileName}</c>.</param>
public sealed record ExportUploadResponse(string Tenant, string FileName, string Blob);
