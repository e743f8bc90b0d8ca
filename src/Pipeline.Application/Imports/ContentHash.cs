using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Application.Imports;

/// <summary>Keys derived from data, so that replays converge on the same records.</summary>
internal static class ContentHash
{
    /// <summary>Lower-case hex SHA-256 of a text (ordinal UTF-8 bytes).</summary>
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A duplicate's import id: stable for one blob version, distinct per name and version.</summary>
    public static string DuplicateId(string contentHash, string blobName, string blobETag) =>
        string.Concat("dup-", Of(string.Join('|', contentHash, blobName, blobETag)).AsSpan(0, 40));

    /// <summary>The id of a record about a blob version that could not be claimed by content (bad folder, failure).</summary>
    public static string BlobVersionId(string prefix, string blobName, string blobETag) =>
        string.Concat(prefix, "-", Of(string.Join('|', blobName, blobETag)).AsSpan(0, 40));
}
