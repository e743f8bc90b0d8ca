namespace Pipeline.Application.Imports;

/// <summary>A file in the <c>exports</c> container, at one version.</summary>
/// <param name="Name">Full blob name (<c>{tenant}/…</c>, or a bare name for the default tenant).</param>
/// <param name="ETag">The version that was listed; reading checks it has not changed since.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record InboxBlob(string Name, string ETag, long Size, DateTimeOffset LastModified);
