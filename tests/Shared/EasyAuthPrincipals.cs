using System.Security.Claims;
using System.Text;
using System.Text.Json;

namespace Pipeline.Testing;

/// <summary>
/// <c>X-MS-CLIENT-PRINCIPAL</c> values as App Service Authentication sets them for an Entra ID token: base64 of the
/// client principal JSON, with the token's claims (user principal name, object id, one <c>roles</c> claim per app role).
/// </summary>
internal static class EasyAuthPrincipals
{
    /// <summary>A signed-in user <paramref name="userPrincipalName"/> holding <paramref name="roles"/>.</summary>
    public static string User(string userPrincipalName, params string[] roles) =>
        Encode(
            [("preferred_username", userPrincipalName), ("name", "Display " + userPrincipalName), ("http://schemas.microsoft.com/identity/claims/objectidentifier", ObjectId(userPrincipalName)),
                .. roles.Select(role => ("roles", role))]);

    /// <summary>An application (client credentials) holding <paramref name="roles"/>: no user name, an <c>azp</c>.</summary>
    public static string Application(string applicationId, params string[] roles) =>
        Encode([("azp", applicationId), .. roles.Select(role => ("roles", role))]);

    /// <summary>A client principal with exactly these claims.</summary>
    public static string Encode(IEnumerable<(string Type, string Value)> claims)
    {
        var principal = new
        {
            auth_typ = "aad",
            claims = claims.Select(claim => new { typ = claim.Type, val = claim.Value }).ToArray(),
            name_typ = "name",
            role_typ = ClaimTypes.Role,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
    }

    /// <summary>A stable, fake object id for a name.</summary>
    public static string ObjectId(string name) =>
        new Guid(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16]).ToString();
}
