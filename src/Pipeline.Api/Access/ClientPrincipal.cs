using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace Pipeline.Api.Access;

/// <summary>The signed-in caller App Service Authentication passes to the app in the <c>X-MS-CLIENT-PRINCIPAL</c> header.</summary>
/// <remarks>
/// The header is base64 of <c>{"auth_typ": …, "claims": [{"typ": …, "val": …}], "name_typ": …, "role_typ": …}</c>.
/// The platform strips the header from incoming requests and sets it only for a caller whose token it validated, which
/// is why it is trusted only in <see cref="ApiAccessMode.EasyAuth"/> with the platform's authentication enabled.
/// <see cref="AuditName"/> is what the close audit records: the user principal name when the token has one, else the
/// object id, else the calling application's id (a daemon with an app role).
/// </remarks>
/// <param name="AuditName">Who, for the audit trail (at most 100 characters).</param>
/// <param name="ObjectId">The Entra object id, when the token has one (logged instead of the name).</param>
/// <param name="Roles">The app roles of the token (<c>roles</c> claims).</param>
public sealed record ClientPrincipal(string AuditName, string? ObjectId, IReadOnlySet<string> Roles)
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    private const int MaxHeaderLength = 64 * 1024;
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static readonly string[] RoleClaims = ["roles", ClaimTypes.Role];
    private static readonly string[] NameClaims = ["preferred_username", "upn", ClaimTypes.Upn, "email", ClaimTypes.Email];

    /// <summary>Reads the header's value; false (with the reason) when it is not a base64 client principal with an identity.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out ClientPrincipal? principal, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        principal = null;
        problem = $"The {Header} header is not a base64-encoded App Service client principal.";
        if (value.Length > MaxHeaderLength)
        {
            return false;
        }

        Dictionary<string, List<string>> claims;
        string? nameType;
        string? roleType;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim())));
            var root = document.RootElement;
            nameType = OptionalString(root, "name_typ");
            roleType = OptionalString(root, "role_typ");
            claims = ReadClaims(root);
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }

        var objectId = First(claims, ObjectIdClaim, "oid");
        var name = First(claims, NameClaims) ?? First(claims, nameType) ?? objectId
            ?? (First(claims, "azp", "appid") is { } application ? $"app {application}" : null);
        if (name is null)
        {
            problem = $"The {Header} header names no one: it has no user name, object id or application id claim.";
            return false;
        }

        var roles = RoleClaims.Append(roleType).OfType<string>()
            .SelectMany(type => claims.GetValueOrDefault(type) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        principal = new ClientPrincipal(name.Trim()[..Math.Min(name.Trim().Length, 100)], objectId, roles);
        problem = null;
        return true;
    }

    private static Dictionary<string, List<string>> ReadClaims(JsonElement root)
    {
        var claims = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("no claims array");
        }

        foreach (var claim in list.EnumerateArray())
        {
            if (OptionalString(claim, "typ") is { } type && OptionalString(claim, "val") is { Length: > 0 } claimValue)
            {
                (claims.TryGetValue(type, out var values) ? values : claims[type] = []).Add(claimValue);
            }
        }

        return claims;
    }

    private static string? OptionalString(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? First(Dictionary<string, List<string>> claims, params string?[] types) =>
        types.OfType<string>().Select(type => claims.GetValueOrDefault(type)?.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)))
            .FirstOrDefault(value => value is not null);
}
