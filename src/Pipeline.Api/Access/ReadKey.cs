using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Api.Access;

/// <summary>Tenant-scoped read keys for BI tools: how a key is made, how it is stored (hashed) and compared.</summary>
/// <remarks>
/// Only the SHA-256 of a key is configured (<c>sha256:</c> and 64 lower-case hex digits), so settings and logs never
/// hold a usable key. A key is 32 random bytes or more, so an unsalted fast hash is enough: there is nothing to
/// guess from a hash. Comparisons run in constant time over every configured hash.
/// </remarks>
public static class ReadKey
{
    /// <summary>The prefix of a configured hash.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>The header that carries a key.</summary>
    public const string Header = "X-Pipeline-Key";

    /// <summary>The query parameter that carries a key (Power BI's <c>Web.Contents(…, [ApiKeyName = "key"])</c> sends it so).</summary>
    public const string QueryParameter = "key";

    /// <summary>A new key: 32 random bytes as 64 lower-case hex digits, safe in a header and a URL.</summary>
    public static string Create() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The value to configure for <paramref name="key"/>: <c>sha256:</c> and the hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HashPrefix + Convert.ToHexStringLower(Digest(key));
    }

    /// <summary>The SHA-256 of a presented key.</summary>
    public static byte[] Digest(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>Reads a configured <c>sha256:…</c> value; false when it is anything else (a key pasted by mistake, a typo).</summary>
    public static bool TryParseHash(string? value, [NotNullWhen(true)] out byte[]? digest)
    {
        digest = null;
        if (value is null || !value.StartsWith(HashPrefix, StringComparison.Ordinal) || value.Length != HashPrefix.Length + 64)
        {
            return false;
        }

        var hex = value.AsSpan(HashPrefix.Length);
        foreach (var digit in hex)
        {
            if (!char.IsAsciiHexDigitLower(digit) && !char.IsAsciiDigit(digit))
            {
                return false;
            }
        }

        digest = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>Whether two digests are equal, in time that does not depend on where they differ.</summary>
    public static bool Matches(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> configured) =>
        CryptographicOperations.FixedTimeEquals(presented, configured);
}
