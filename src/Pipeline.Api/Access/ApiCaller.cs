using Microsoft.AspNetCore.Http;
using Pipeline.Domain;

namespace Pipeline.Api.Access;

/// <summary>Who a request comes from, once <see cref="ApiAccess"/> has identified it, and what it may do.</summary>
/// <remarks>
/// Kept in the request's <see cref="HttpContext.Items"/>, where the close endpoints take <see cref="AuditName"/> as who
/// closed or reopened. Outside <see cref="ApiAccessMode.None"/> that name always comes from the authenticated
/// principal or key, never from a header the caller chose.
/// </remarks>
/// <param name="Kind">How the caller was identified.</param>
/// <param name="AuditName">Who, as the close audit records it.</param>
/// <param name="LogId">An identifier safe to log: the Entra object id, the read key's consumer, or the kind.</param>
/// <param name="Readable">The tenants it reads; <see langword="null"/> for every tenant.</param>
/// <param name="Operable">The tenants whose months it closes and reopens; <see langword="null"/> for every tenant.</param>
public sealed record ApiCaller(
    ApiCallerKind Kind, string AuditName, string LogId, IReadOnlySet<string>? Readable, IReadOnlySet<string>? Operable)
{
    /// <summary>The header a caller may use in <see cref="ApiAccessMode.None"/> only, to say who closes; ignored in every other mode.</summary>
    public const string DevelopmentUserHeader = "X-Pipeline-User";

    private static readonly object ItemKey = new();
    private static readonly IReadOnlySet<string> NoTenant = new HashSet<string>();

    /// <summary>Whether the caller may do <paramref name="permission"/> on <paramref name="tenant"/>.</summary>
    public bool May(ApiPermission permission, TenantId tenant) =>
        Granted(Operable, tenant) || (permission == ApiPermission.Read && Granted(Readable, tenant));

    /// <summary>Whether the caller reads (or operates) every tenant, so a malformed tenant id gets its 400 rather than a 403.</summary>
    public bool MayEveryTenant(ApiPermission permission) =>
        Operable is null || (permission == ApiPermission.Read && Readable is null);

    /// <summary>The development caller of <see cref="ApiAccessMode.None"/>: everything, named by the host's user, the header or <c>api</c>.</summary>
    public static ApiCaller Development(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User.Identity?.Name;
        if (string.IsNullOrWhiteSpace(user))
        {
            user = context.Request.Headers[DevelopmentUserHeader].ToString();
        }

        user = string.IsNullOrWhiteSpace(user) ? "api" : user.Trim()[..Math.Min(user.Trim().Length, 100)];
        return new ApiCaller(ApiCallerKind.Development, user, "development", Readable: null, Operable: null);
    }

    /// <summary>A person or application signed in with Entra ID, with the Pipeline app roles it holds.</summary>
    public static ApiCaller From(ClientPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new ApiCaller(
            ApiCallerKind.Principal,
            principal.AuditName,
            principal.ObjectId ?? "principal",
            principal.Roles.Contains(ApiRoles.Reader) ? null : Scoped(principal.Roles, ApiRoles.Reader),
            principal.Roles.Contains(ApiRoles.Operator) ? null : Scoped(principal.Roles, ApiRoles.Operator));
    }

    /// <summary>A BI tool with a read key of <paramref name="consumer"/>, valid for <paramref name="tenants"/>.</summary>
    public static ApiCaller ReadKeyOf(string consumer, IReadOnlySet<string> tenants) =>
        new(ApiCallerKind.ReadKey, $"key {consumer}", $"key {consumer}", tenants, NoTenant);

    /// <summary>The caller <see cref="ApiAccess"/> identified for this request, else the development caller (a handler called on its own).</summary>
    public static ApiCaller Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var caller) && caller is ApiCaller identified ? identified : Development(context);
    }

    /// <summary>Keeps this caller with the request for the handler.</summary>
    public void AttachTo(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = this;
    }

    private static HashSet<string> Scoped(IReadOnlySet<string> roles, string role) =>
        roles.Where(value => value.StartsWith(role + ".", StringComparison.Ordinal))
            .Select(value => value[(role.Length + 1)..])
            .ToHashSet(StringComparer.Ordinal);

    private static bool Granted(IReadOnlySet<string>? tenants, TenantId tenant) => tenants is null || tenants.Contains(tenant.Value);
}
