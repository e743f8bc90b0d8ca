using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Api.Http;
using Pipeline.Application;
using Pipeline.Domain;

namespace Pipeline.Api.Access;

/// <summary>Decides, for every tenant route of both hosts, who calls and whether they may: 401 or 403 ProblemDetails, or go on.</summary>
/// <remarks>
/// <para>
/// The local host runs it as an endpoint filter of the tenant routes (<see cref="PipelineApi"/>); each HTTP function of
/// the Functions app calls <see cref="RunAsync"/> around its handler. The Functions app's triggers are anonymous at
/// the Functions level on purpose: a function key is host-wide (every tenant, every route, closes included) and BI
/// tools can send only one secret, so the app, not the key, decides.
/// </para>
/// <para>
/// 401 when the caller is not identified (no key, a key that is not configured, no signed-in principal); 403 when it
/// is, but may not do this to this tenant. A read key for another tenant gets 403 whether or not that tenant exists:
/// the check runs before any storage read, so the answer tells nothing about other tenants.
/// </para>
/// <para>
/// In <see cref="ApiAccessMode.EasyAuth"/>, <c>X-MS-CLIENT-PRINCIPAL</c> is believed only when the platform says its
/// authentication is on (<c>WEBSITE_AUTH_ENABLED=True</c>, which App Service sets when it strips and sets that header);
/// otherwise the header is ignored, so a misconfigured app cannot be entered with a forged one.
/// </para>
/// </remarks>
public sealed partial class ApiAccess
{
    private readonly ApiAccessMode _mode;
    private readonly bool _platformAuthenticates;
    private readonly List<(string Tenant, string Consumer, byte[] Digest)> _keys;
    private readonly IStorageFaults _storageFaults;
    private readonly ILogger<ApiAccess> _logger;

    public ApiAccess(IOptions<ApiAccessOptions> options, IConfiguration configuration, IStorageFaults storageFaults, ILogger<ApiAccess> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storageFaults);
        _mode = options.Value.Mode;
        _platformAuthenticates = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
        _keys = options.Value.ReadKeys
            .SelectMany(tenant => (tenant.Value ?? []).Select(consumer => (Tenant: tenant.Key, Consumer: consumer.Key, Hash: consumer.Value)))
            .Select(entry => (entry.Tenant, entry.Consumer, Digest: ReadKey.TryParseHash(entry.Hash, out var digest) ? digest : []))
            .Where(entry => entry.Digest.Length > 0)
            .ToList();
        _storageFaults = storageFaults;
        _logger = logger;
    }

    /// <summary>The access mode in force.</summary>
    public ApiAccessMode Mode => _mode;

    /// <summary>
    /// Identifies the caller of <paramref name="context"/> and checks <paramref name="permission"/> on the route's
    /// <paramref name="tenant"/>: null when it may go on (the caller is then attached to the request), else the 401 or 403.
    /// </summary>
    public IResult? Authorize(HttpContext context, string? tenant, ApiPermission permission)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TryIdentify(context, out var caller, out var unauthenticated))
        {
            LogDenied(_logger, StatusCodes.Status401Unauthorized, permission, tenant, "anonymous");
            return ApiProblems.Unauthorized(unauthenticated);
        }

        var allowed = TenantId.TryParse(tenant, out var tenantId)
            ? caller.May(permission, tenantId)
            : caller.MayEveryTenant(permission); // a malformed tenant id: its 400 comes from the handler
        if (!allowed)
        {
            LogDenied(_logger, StatusCodes.Status403Forbidden, permission, tenant, caller.LogId);
            return ApiProblems.Forbidden(Refusal(caller, permission, tenant));
        }

        caller.AttachTo(context);
        return null;
    }

    /// <summary>
    /// Authorizes, then runs <paramref name="handler"/> and writes its result, or writes the 401/403: one HTTP function's
    /// body. A storage outage is answered here with <see cref="StorageUnavailable"/>'s 503 (the Functions app has no
    /// exception handler middleware); any other error propagates to the worker.
    /// </summary>
    public async Task RunAsync(HttpRequest request, string? tenant, ApiPermission permission, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var context = request.HttpContext;
        try
        {
            var result = Authorize(context, tenant, permission) ?? await handler();
            await result.ExecuteAsync(context);
        }
        catch (Exception exception) when (StorageUnavailable.Answers(context, exception, _storageFaults))
        {
            await StorageUnavailable.AnswerAsync(context, exception, _logger);
        }
    }

    private bool TryIdentify(HttpContext context, out ApiCaller caller, out string problem)
    {
        caller = null!;
        problem = string.Empty;
        if (_mode == ApiAccessMode.None)
        {
            caller = ApiCaller.Development(context);
            return true;
        }

        var principalHeader = context.Request.Headers[ClientPrincipal.Header].ToString();
        if (_mode == ApiAccessMode.EasyAuth && principalHeader.Length > 0 && _platformAuthenticates)
        {
            if (!ClientPrincipal.TryParse(principalHeader, out var principal, out var malformed))
            {
                problem = malformed;
                return false;
            }

            caller = ApiCaller.From(principal);
            return true;
        }

        var key = PresentedKey(context.Request);
        if (key is null)
        {
            problem = NoCredentials(principalHeader.Length > 0);
            return false;
        }

        var digest = ReadKey.Digest(key);
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        string? consumer = null;
        foreach (var entry in _keys)
        {
            if (ReadKey.Matches(digest, entry.Digest))
            {
                tenants.Add(entry.Tenant);
                consumer ??= entry.Consumer;
            }
        }

        if (consumer is null)
        {
            problem = "The read key is not valid: it may have been rotated or revoked, or mistyped. Ask ops for the consumer's current key.";
            return false;
        }

        caller = ApiCaller.ReadKeyOf(consumer, tenants);
        return true;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var key = request.Headers[ReadKey.Header].ToString();
        if (key.Length == 0)
        {
            key = request.Query[ReadKey.QueryParameter].ToString();
        }

        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    private string NoCredentials(bool ignoredPrincipal)
    {
        var how = _mode == ApiAccessMode.EasyAuth
            ? $"Sign in with Entra ID (a bearer token for the Pipeline API) or send a read key in the {ReadKey.Header} header or the '{ReadKey.QueryParameter}' query parameter."
            : $"Send a read key in the {ReadKey.Header} header or the '{ReadKey.QueryParameter}' query parameter (Power BI: ApiKeyName = \"{ReadKey.QueryParameter}\").";
        return ignoredPrincipal
            ? $"{how} The {ClientPrincipal.Header} header was ignored: App Service Authentication is not enabled on this app (WEBSITE_AUTH_ENABLED)."
            : how;
    }

    private static string Refusal(ApiCaller caller, ApiPermission permission, string? tenant) => (caller.Kind, permission) switch
    {
        (ApiCallerKind.ReadKey, ApiPermission.Operate) =>
            "A read key only reads: closing and reopening months needs an operator signed in with Entra ID (app role "
            + $"{ApiRoles.Operator}), or the ops CLI.",
        (ApiCallerKind.ReadKey, _) => $"This read key does not grant tenant '{tenant}'.",
        (_, ApiPermission.Operate) =>
            $"{caller.AuditName} may not close or reopen months of tenant '{tenant}': that needs the app role {ApiRoles.Operator} or {ApiRoles.Operator}.{tenant}.",
        _ => $"{caller.AuditName} may not read tenant '{tenant}': that needs the app role {ApiRoles.Reader}, {ApiRoles.Reader}.{tenant} or an operator role.",
    };

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "HTTP API access denied ({Status}): {Permission} on tenant {Tenant} by {Caller}")]
    private static partial void LogDenied(ILogger logger, int status, ApiPermission permission, string? tenant, string caller);
}
