using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pipeline.Api.Access;
using Pipeline.Api.Tests.Http;
using Pipeline.Testing;

namespace Pipeline.Api.Tests.Access;

/// <summary>
/// Who may do what, per mode: a read key reads its tenants only and never closes; an Entra principal is believed only
/// behind App Service Authentication and may what its app roles say; the audit name is the principal's, never a header's.
/// </summary>
public sealed class ApiAccessTests
{
    private static readonly string AcmeKey = ReadKey.Create();
    private static readonly string GroupKey = ReadKey.Create();

    [Fact]
    public void None_EveryoneMayEverything_NamedByTheDevelopmentHeader()
    {
        var access = Access(ApiAccessMode.None);
        var context = Request(headers: [("X-Pipeline-User", "dev")]);

        Assert.Null(access.Authorize(context, "beta", ApiPermission.Operate));

        Assert.Equal((ApiCallerKind.Development, "dev"), (ApiCaller.Of(context).Kind, ApiCaller.Of(context).AuditName));
    }

    [Theory]
    [InlineData(ApiAccessMode.ReadKeys)]
    [InlineData(ApiAccessMode.EasyAuth)]
    public async Task NoCredentials_Is401ProblemSayingHowToSendAKey(ApiAccessMode mode)
    {
        var problem = Access(mode).Authorize(Request(), "acme", ApiPermission.Read);

        var detail = (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(401, "Unauthorized");
        Assert.Contains("X-Pipeline-Key header or the 'key' query parameter", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadKeys_UnknownKey_Is401()
    {
        var problem = Access(ApiAccessMode.ReadKeys).Authorize(Request(headers: [("X-Pipeline-Key", ReadKey.Create())]), "acme", ApiPermission.Read);

        Assert.StartsWith("The read key is not valid", (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(401, "Unauthorized"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadKeys_TenantsKey_InTheHeaderOrTheQuery_ReadsIt(bool inQuery)
    {
        var context = inQuery ? Request(query: "key=" + AcmeKey) : Request(headers: [("X-Pipeline-Key", AcmeKey)]);

        Assert.Null(Access(ApiAccessMode.ReadKeys).Authorize(context, "acme", ApiPermission.Read));

        Assert.Equal((ApiCallerKind.ReadKey, "key powerbi_acme"), (ApiCaller.Of(context).Kind, ApiCaller.Of(context).AuditName));
    }

    [Theory]
    [InlineData("beta", ApiPermission.Read, "This read key does not grant tenant 'beta'.")]
    [InlineData("no-such-tenant", ApiPermission.Read, "This read key does not grant tenant 'no-such-tenant'.")]
    [InlineData("acme", ApiPermission.Operate, "A read key only reads: closing and reopening months needs an operator signed in with Entra ID (app role Pipeline.Operator), or the ops CLI.")]
    public async Task ReadKeys_AnotherTenantOrAWrite_Is403(string tenant, ApiPermission permission, string detail)
    {
        var problem = Access(ApiAccessMode.EasyAuth).Authorize(Request(headers: [("X-Pipeline-Key", AcmeKey)]), tenant, permission);

        Assert.Equal(detail, (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(403, "Forbidden"));
    }

    [Fact]
    public void ReadKeys_KeyListedUnderTwoTenants_ReadsBoth_AndNoThird()
    {
        var access = Access(ApiAccessMode.ReadKeys);

        Assert.Null(access.Authorize(Request(query: "key=" + GroupKey), "acme", ApiPermission.Read));
        Assert.Null(access.Authorize(Request(query: "key=" + GroupKey), "beta", ApiPermission.Read));
        Assert.NotNull(access.Authorize(Request(query: "key=" + GroupKey), "gamma", ApiPermission.Read));
    }

    [Fact]
    public void EasyAuth_Operator_ClosesAnyTenant_NamedByThePrincipal_NotTheHeader()
    {
        var context = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("alice@contoso.example", "Pipeline.Operator")), ("X-Pipeline-User", "mallory")]);

        Assert.Null(Access(ApiAccessMode.EasyAuth).Authorize(context, "beta", ApiPermission.Operate));

        Assert.Equal((ApiCallerKind.Principal, "alice@contoso.example"), (ApiCaller.Of(context).Kind, ApiCaller.Of(context).AuditName));
    }

    [Theory]
    [InlineData("Pipeline.Reader.acme", "acme", ApiPermission.Read, true)]
    [InlineData("Pipeline.Reader.acme", "beta", ApiPermission.Read, false)]
    [InlineData("Pipeline.Reader.acme", "acme", ApiPermission.Operate, false)]
    [InlineData("Pipeline.Reader", "beta", ApiPermission.Read, true)]
    [InlineData("Pipeline.Reader", "beta", ApiPermission.Operate, false)]
    [InlineData("Pipeline.Operator.acme", "acme", ApiPermission.Operate, true)]
    [InlineData("Pipeline.Operator.acme", "acme", ApiPermission.Read, true)]
    [InlineData("Pipeline.Operator.acme", "beta", ApiPermission.Read, false)]
    [InlineData("Pipeline.Readers", "acme", ApiPermission.Read, false)]
    public void EasyAuth_TheAppRolesDecide(string role, string tenant, ApiPermission permission, bool allowed)
    {
        var context = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("bob@contoso.example", role))]);

        var problem = Access(ApiAccessMode.EasyAuth).Authorize(context, tenant, permission);

        Assert.Equal(allowed, problem is null);
    }

    [Fact]
    public async Task EasyAuth_SignedInWithoutAPipelineRole_Is403NamingTheRoles()
    {
        var context = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("carol@contoso.example"))]);

        var problem = Access(ApiAccessMode.EasyAuth).Authorize(context, "acme", ApiPermission.Operate);

        Assert.Equal(
            "carol@contoso.example may not close or reopen months of tenant 'acme': that needs the app role Pipeline.Operator or Pipeline.Operator.acme.",
            (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(403, "Forbidden"));
    }

    [Fact]
    public async Task EasyAuth_MalformedPrincipal_Is401()
    {
        var problem = Access(ApiAccessMode.EasyAuth).Authorize(Request(headers: [("X-MS-CLIENT-PRINCIPAL", "%%%")]), "acme", ApiPermission.Read);

        Assert.Equal(
            "The X-MS-CLIENT-PRINCIPAL header is not a base64-encoded App Service client principal.",
            (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(401, "Unauthorized"));
    }

    [Fact]
    public async Task EasyAuth_PlatformAuthenticationOff_PrincipalHeaderIsIgnored_ForgedOperatorGets401()
    {
        var forged = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("mallory@evil.example", "Pipeline.Operator"))]);

        var problem = Access(ApiAccessMode.EasyAuth, platformAuthentication: false).Authorize(forged, "acme", ApiPermission.Operate);

        var detail = (await ApiResponse.ExecuteAsync(problem!)).ProblemDetail(401, "Unauthorized");
        Assert.EndsWith("The X-MS-CLIENT-PRINCIPAL header was ignored: App Service Authentication is not enabled on this app (WEBSITE_AUTH_ENABLED).", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadKeys_PrincipalHeader_IsNeverBelieved()
    {
        var forged = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("mallory@evil.example", "Pipeline.Operator"))]);

        Assert.NotNull(Access(ApiAccessMode.ReadKeys).Authorize(forged, "acme", ApiPermission.Read));
    }

    [Theory]
    [InlineData(ApiAccessMode.ReadKeys)]
    [InlineData(ApiAccessMode.EasyAuth)]
    public void MalformedTenant_ReaderOfEveryTenantPassesToTheHandlers400_AScopedKeyGets403(ApiAccessMode mode)
    {
        var access = Access(mode);
        var reader = Request(headers: [("X-MS-CLIENT-PRINCIPAL", EasyAuthPrincipals.User("dave@contoso.example", "Pipeline.Reader"))]);

        Assert.NotNull(access.Authorize(Request(query: "key=" + AcmeKey), "Acme Corp", ApiPermission.Read));
        Assert.Equal(mode == ApiAccessMode.EasyAuth, access.Authorize(reader, "Acme Corp", ApiPermission.Read) is null);
    }

    [Fact]
    public void Validator_KeyInsteadOfHashOrBadTenant_FailsNamingTheSettingButNotTheValue()
    {
        var key = ReadKey.Create();
        var options = new ApiAccessOptions
        {
            ReadKeys = new() { ["acme"] = new() { ["excel"] = key }, ["Acme Corp"] = new() { ["excel"] = ReadKey.Hash(key) } },
        };

        var result = new ApiAccessOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Pipeline:Auth:ReadKeys:acme:excel is not a key hash", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Pipeline:Auth:ReadKeys:Acme Corp is not a tenant id", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures!, failure => failure.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ApiAccessMode.None, "func-pipeline-x", true, true)]
    [InlineData(ApiAccessMode.None, null, true, false)]
    [InlineData(ApiAccessMode.None, "func-pipeline-x", false, false)]
    [InlineData(ApiAccessMode.EasyAuth, "func-pipeline-x", true, false)]
    public void Validator_OpenModeInAppService_StopsTheFunctionsApp(ApiAccessMode mode, string? siteName, bool refuse, bool fails)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = siteName }).Build();

        var result = new ApiAccessOptionsValidator(configuration) { RefuseOpenModeInAppService = refuse }.Validate(null, new ApiAccessOptions { Mode = mode });

        Assert.Equal(fails, result.Failed);
    }

    private static ApiAccess Access(ApiAccessMode mode, bool platformAuthentication = true)
    {
        var options = new ApiAccessOptions
        {
            Mode = mode,
            ReadKeys = new()
            {
                ["acme"] = new() { ["powerbi_acme"] = ReadKey.Hash(AcmeKey), ["group"] = ReadKey.Hash(GroupKey) },
                ["beta"] = new() { ["group"] = ReadKey.Hash(GroupKey) },
            },
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = platformAuthentication ? "True" : null })
            .Build();
        return new ApiAccess(Options.Create(options), configuration, FakeStorageFaults.Instance, NullLogger<ApiAccess>.Instance);
    }

    private static DefaultHttpContext Request(string query = "", (string Name, string Value)[]? headers = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 ? string.Empty : "?" + query);
        foreach (var (name, value) in headers ?? [])
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }
}
