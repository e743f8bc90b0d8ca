using Microsoft.Extensions.Options;
using Pipeline.Api.Access;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Hardening item 10 in the Functions app: the HTTP triggers are anonymous to the Functions host, so each function must
/// ask <see cref="ApiAccess"/> before it touches storage, with the permission the metadata table says (reader or operator).
/// </summary>
public sealed class HttpAccessTests
{
    private static readonly string AcmeKey = ReadKey.Create();

    public static TheoryData<string> TenantFunctions =>
        [.. FunctionsMetadataTests.HttpCallers.Where(pair => pair.Value != "anyone").Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TenantFunctions))]
    public async Task EasyAuth_NoPrincipalAndNoKey_Is401_WithoutTouchingStorage(string function)
    {
        var ports = PortDoubles.Strict();
        using var worker = Worker(ports, ApiAccessMode.EasyAuth);
        var request = HttpCalls.Request(worker.Services, FunctionsMetadataTests.HttpCallers[function] == "operator" ? "POST" : "GET");

        await new HttpFunctionCall(function).InvokeAsync(worker, request, CancellationToken.None);

        var reply = HttpCalls.Reply(request);
        Assert.Equal((401, "application/problem+json"), (reply.StatusCode, reply.ContentType));
        Assert.Empty(ports.Calls());
    }

    [Theory]
    [MemberData(nameof(TenantFunctions))]
    public async Task AcmeReadKey_ReadsReachStorage_ClosesAndReopensAre403(string function)
    {
        var ports = PortDoubles.StorageDown();
        using var worker = Worker(ports, ApiAccessMode.EasyAuth);
        var request = HttpCalls.Request(
            worker.Services, body: """{"reason": "late credit note"}""", headers: new Dictionary<string, string> { ["X-Pipeline-Key"] = AcmeKey });
        var call = new HttpFunctionCall(function);

        await call.InvokeAsync(worker, request, CancellationToken.None);

        if (FunctionsMetadataTests.HttpCallers[function] == "reader")
        {
            Assert.Equal(503, HttpCalls.Reply(request).StatusCode);
            Assert.NotEmpty(ports.Calls());
        }
        else
        {
            Assert.Equal(403, HttpCalls.Reply(request).StatusCode);
            Assert.Empty(ports.Calls());
        }
    }

    [Theory]
    [MemberData(nameof(TenantFunctions))]
    public async Task AcmeReadKey_OnTenantBeta_Is403_WithoutTouchingStorage(string function)
    {
        var ports = PortDoubles.Strict();
        using var worker = Worker(ports, ApiAccessMode.ReadKeys);
        var request = HttpCalls.Request(worker.Services, headers: new Dictionary<string, string> { ["X-Pipeline-Key"] = AcmeKey });

        await new HttpFunctionCall(function, Tenant: "beta").InvokeAsync(worker, request, CancellationToken.None);

        Assert.Equal(403, HttpCalls.Reply(request).StatusCode);
        Assert.Empty(ports.Calls());
    }

    [Fact]
    public void OpenModeInAppService_StopsTheWorkerAtStartUp_NamingTheSetting()
    {
        using var worker = FunctionsWorker.Build(new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = "func-pipeline-test" });
        using var protectedWorker = FunctionsWorker.Build(new Dictionary<string, string?>
        {
            ["WEBSITE_SITE_NAME"] = "func-pipeline-test",
            ["Pipeline:Auth:Mode"] = "EasyAuth",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => worker.Get<IStartupValidator>().Validate());

        Assert.Contains("Pipeline:Auth:Mode is None in App Service", failure.Message, StringComparison.Ordinal);
        protectedWorker.Get<IStartupValidator>().Validate();
    }

    private static FunctionsWorker Worker(PortDoubles ports, ApiAccessMode mode) =>
        FunctionsWorker.Build(
            new Dictionary<string, string?>
            {
                ["Pipeline:Auth:Mode"] = mode.ToString(),
                ["Pipeline:Auth:ReadKeys:acme:powerbi"] = ReadKey.Hash(AcmeKey),
                ["WEBSITE_AUTH_ENABLED"] = "True",
            },
            ports.Register);
}
