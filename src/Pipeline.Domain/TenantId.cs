using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipeline.Domain;

/// <summary>The id of a tenant: one company or business unit whose exports are processed on their own.</summary>
/// <remarks>
/// A lower-case slug (letters, digits and single hyphens, 1–63 characters, starting and ending with a letter or
/// digit), so it is safe as a blob folder, a table partition key and a URL segment without escaping.
/// </remarks>
public readonly partial record struct TenantId
{
    private TenantId(string value) => Value = value;

    public string Value { get; }

    public static TenantId Parse(string value) =>
        TryParse(value, out var tenant)
            ? tenant
            : throw new FormatException($"'{value}' is not a tenant id: use lower-case letters, digits and hyphens.");

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId tenant)
    {
        tenant = default;
        if (value is null || !SlugPattern().IsMatch(value))
        {
            return false;
        }

        tenant = new TenantId(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?!-)){0,61}[a-z0-9]$|^[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
