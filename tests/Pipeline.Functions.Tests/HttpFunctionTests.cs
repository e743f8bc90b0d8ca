using System.Globalization;
using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pipeline.Api.Access;
using Pipeline.Application;
using Pipeline.Storage;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Functions.Tests;

/// <summary>
/// Each HTTP function called directly on its class, created from the worker's composition with Moq doubles of the
/// storage ports and of the request: it hands its route values and request to the right service, writes the result
/// to the request's context, answers a storage outage with 503 ProblemDetails and Retry-After, and lets any other
/// infrastructure error through.
/// </summary>
public sealed class HttpFunctionTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 10, 6, 0, 0, TimeSpan.Zero);

    /// <summary>What the Azure SDK throws when storage is down, once its retries are spent.</summary>
    private static readonly Dictionary<string, Func<Exception>> OutageFaults = new(StringComparer.Ordinal)
    {
        ["503 after the retries"] = () => new RequestFailedException(503, "The server is busy (test double).", "ServerBusy", null),
        ["500 after the retries"] = () => new RequestFailedException(500, "Operation could not be completed within the specified time (test double).", "OperationTimedOut", null),
        ["connection refused on every try"] = () => new AggregateException(
            "Retry failed after 2 tries (test double).", [Refused(), Refused()]),
        ["connection refused, no retries"] = Refused,
        ["an HttpRequestException of its own"] = () => new HttpRequestException("Connection refused (127.0.0.1:10000)"),
        ["network timeout on every try"] = () => new AggregateException(
            "Retry failed after 2 tries (test double).", [NetworkTimeout(), NetworkTimeout()]),
    };

    /// <summary>Every HTTP function but Health, with the one storage call it makes first for acme, March 2025 or import abc123.</summary>
    public static TheoryData<string, string> FirstStorageCalls => new()
    {
        { "ListKpis", "IKpiSnapshotStore.ListAsync(acme, null, null)" },
        { "GetKpis", "IKpiSnapshotStore.FindAsync(acme, 2025-03)" },
        { "ListKpiVersions", "IKpiSnapshotStore.ListVersionsAsync(acme, 2025-03)" },
        { "ListCohorts", "IImportLog.ListAsync(acme)" },
        { "ListClv", "IImportLog.ListAsync(acme)" },
        { "ListClvForecast", "IImportLog.ListAsync(acme)" },
        { "ListClvPurchases", "IImportLog.ListAsync(acme)" },
        { "ListCustomers", "IImportLog.ListAsync(acme)" },
        { "GetCustomer", "IImportLog.ListAsync(acme)" },
        { "ListReceivables", "IImportLog.ListAsync(acme)" },
        { "ListLoyalty", "IKpiSnapshotStore.ListAsync(acme, null, null)" },
        { "ListMovements", "IKpiSnapshotStore.FindAsync(acme, 2025-03)" },
        { "ListPayments", "IImportLog.ListAsync(acme)" },
        { "ListImports", "IImportLog.ListAsync(acme)" },
        { "GetImport", "IImportLog.FindAsync(acme, abc123)" },
        { "UploadExport", "IExportDropBox.DropAsync(acme/abc123, System.IO.MemoryStream)" },
        { "ListCloses", "ICloseLog.ListAsync(acme)" },
        { "CloseMonth", "IImportLog.ListAsync(acme)" },
        { "GetClose", "IImportLog.ListAsync(acme)" },
        { "ReopenMonth", "IImportLog.ListAsync(acme)" },
    };

    [Theory]
    [MemberData(nameof(FirstStorageCalls))]
    public async Task StorageUnavailable_TheFunctionAsksForTheRouteValues_AndAnswers503ProblemWithRetryAfter(string function, string expectedCall)
    {
        var ports = PortDoubles.StorageDown();
        using var worker = Worker(ports);
        var request = HttpCalls.Request(worker.Services, body: """{"reason": "late credit note"}""");

        await new HttpFunctionCall(function).InvokeAsync(worker, request, CancellationToken.None);

        AssertStorageUnavailable(request);
        Assert.Equal([expectedCall], ports.Calls());
    }

    public static TheoryData<string> Outages => [.. OutageFaults.Keys];

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task CloseMonthAndGetKpis_StorageOutage_Answer503ProblemWithRetryAfter_WithoutTheErrorsText(string outage)
    {
        foreach (var function in new[] { "CloseMonth", "GetKpis" })
        {
            using var worker = Worker(PortDoubles.Failing(OutageFaults[outage]));
            var request = HttpCalls.Request(worker.Services, function == "CloseMonth" ? "POST" : "GET");

            await new HttpFunctionCall(function).InvokeAsync(worker, request, CancellationToken.None);

            var reply = AssertStorageUnavailable(request);
            Assert.DoesNotContain("127.0.0.1", reply.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("test double", reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetKpis_StorageRefusesTheRequest_403_PropagatesAsAnyOtherError()
    {
        var refused = new RequestFailedException(403, "This request is not authorized to perform this operation.", "AuthorizationFailure", null);
        using var worker = Worker(PortDoubles.Failing(() => refused));
        var request = HttpCalls.Request(worker.Services);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => new HttpFunctionCall("GetKpis").InvokeAsync(worker, request, CancellationToken.None));

        Assert.Equal(403, failure.Status);
    }

    [Fact]
    public async Task GetKpis_StorageOutage_IsLoggedAsAWarning_ByTheStorageAdaptersReading()
    {
        var logger = new RecordingLogger<ApiAccess>();
        using var worker = FunctionsWorker.Build(replace: services =>
        {
            PortDoubles.StorageDown().Register(services);
            services.AddSingleton<ILogger<ApiAccess>>(logger);
        });
        var request = HttpCalls.Request(worker.Services);

        await new HttpFunctionCall("GetKpis").InvokeAsync(worker, request, CancellationToken.None);

        AssertStorageUnavailable(request);
        Assert.Same(typeof(StorageHostingExtensions).Assembly, worker.Get<IStorageFaults>().GetType().Assembly);
        var entry = Assert.Single(logger.Entries);
        Assert.StartsWith("Warning 4001: HTTP GET ", entry, StringComparison.Ordinal);
        Assert.EndsWith(" answered 503: storage is unavailable", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKpis_ClientWentAwayDuringTheStorageCall_TheCancellationPropagates()
    {
        using var worker = Worker(PortDoubles.Failing(() => new TaskCanceledException()));
        var request = HttpCalls.Request(worker.Services);
        using var aborted = new CancellationTokenSource();
        request.HttpContext.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => new HttpFunctionCall("GetKpis").InvokeAsync(worker, request, aborted.Token));

        Assert.False(request.HttpContext.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task GetKpis_WritesTheStoredRowOfTheRouteMonth()
    {
        var ports = PortDoubles.Strict();
        ports.Snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(ClosedMarch());
        using var worker = Worker(ports);
        var request = HttpCalls.Request(worker.Services);

        await new HttpFunctionCall("GetKpis", Month: "2025-03").InvokeAsync(worker, request, CancellationToken.None);

        var reply = HttpCalls.Reply(request);
        Assert.Equal((200, "application/json; charset=utf-8"), (reply.StatusCode, reply.ContentType));
        Assert.Equal(
            ("2025-03", "closed", 1, 1234.5m, 12),
            (reply.Json.GetProperty("month").GetString(), reply.Json.GetProperty("status").GetString(), reply.Json.GetProperty("version").GetInt32(),
                reply.Json.GetProperty("mrr").GetDecimal(), reply.Json.GetProperty("customers").GetInt32()));
        ports.Snapshots.Verify(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetKpis_IfNoneMatchOfTheFirstReplysETag_304WithTheLocalHostsValidators()
    {
        var ports = PortDoubles.Strict();
        ports.Snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(ClosedMarch());
        using var worker = Worker(ports);
        var first = HttpCalls.Request(worker.Services);
        await new HttpFunctionCall("GetKpis", Month: "2025-03").InvokeAsync(worker, first, CancellationToken.None);
        var etag = first.HttpContext.Response.Headers.ETag.ToString();

        var second = HttpCalls.Request(worker.Services, headers: new Dictionary<string, string> { ["If-None-Match"] = etag });
        await new HttpFunctionCall("GetKpis", Month: "2025-03").InvokeAsync(worker, second, CancellationToken.None);

        Assert.StartsWith("W/\"", etag, StringComparison.Ordinal);
        Assert.Equal("private, max-age=3600, must-revalidate", first.HttpContext.Response.Headers.CacheControl.ToString());
        Assert.Equal((304, etag), (second.HttpContext.Response.StatusCode, second.HttpContext.Response.Headers.ETag.ToString()));
    }

    [Fact]
    public async Task GetKpis_AcceptEncodingGzip_TheHandlerCompressesAsOnTheLocalHost()
    {
        var ports = PortDoubles.Strict();
        ports.Snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(ClosedMarch());
        using var worker = Worker(ports);
        var request = HttpCalls.Request(worker.Services, headers: new Dictionary<string, string> { ["Accept-Encoding"] = "gzip" });

        await new HttpFunctionCall("GetKpis", Month: "2025-03").InvokeAsync(worker, request, CancellationToken.None);

        Assert.Equal("gzip", request.HttpContext.Response.Headers.ContentEncoding.ToString());
    }

    [Fact]
    public async Task ListImports_AcceptHeaderReachesTheHandler_CsvIsWritten()
    {
        var ports = PortDoubles.Strict();
        ports.Imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Import("abc123", "revenue-2025-03.csv", ComputedAt)]);
        using var worker = Worker(ports);
        var request = HttpCalls.Request(worker.Services, headers: new Dictionary<string, string> { ["Accept"] = "text/csv" });

        await new HttpFunctionCall("ListImports").InvokeAsync(worker, request, CancellationToken.None);

        var reply = HttpCalls.Reply(request);
        var lines = reply.Body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal((200, "text/csv; charset=utf-8"), (reply.StatusCode, reply.ContentType));
        Assert.StartsWith("id,fileName,status", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("abc123,revenue-2025-03.csv,Accepted", Assert.Single(lines[1..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseMonth_MonthNotEndedForTheService_Is409NamingIt_WithoutTouchingStorage()
    {
        using var worker = Worker(PortDoubles.Strict());
        var request = HttpCalls.Request(worker.Services, "POST", headers: new Dictionary<string, string> { ["X-Pipeline-User"] = "alice" });

        await new HttpFunctionCall("CloseMonth", Month: "2025-08").InvokeAsync(worker, request, CancellationToken.None);

        var reply = HttpCalls.Reply(request);
        Assert.Equal((409, "application/problem+json"), (reply.StatusCode, reply.ContentType));
        Assert.Equal("2025-08 has not ended yet in UTC; it can be closed from 2025-09.", reply.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_AnswersWithTheWorkersSettingsAndClock()
    {
        using var worker = Worker(PortDoubles.Strict());
        var request = HttpCalls.Request(worker.Services);

        await new HttpFunctionCall("Health").InvokeAsync(worker, request, CancellationToken.None);

        var json = HttpCalls.Reply(request).Json;
        Assert.Equal(
            ("healthy", "EUR", "UTC", Now),
            (json.GetProperty("status").GetString(), json.GetProperty("reportingCurrency").GetString(), json.GetProperty("businessTimeZone").GetString(),
                DateTimeOffset.Parse(json.GetProperty("time").GetString()!, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("/api/dashboard/", null, 200, "text/html; charset=utf-8")]
    [InlineData("/api/dashboard/lib/echarts.esm.min.js", "lib/echarts.esm.min.js", 200, "text/javascript; charset=utf-8")]
    [InlineData("/api/dashboard/js/app.js", "js/app.js", 200, "text/javascript; charset=utf-8")]
    [InlineData("/api/dashboard", null, 302, null)]
    [InlineData("/api/dashboard/../Pipeline.Functions.dll", "../Pipeline.Functions.dll", 404, "application/problem+json")]
    [InlineData("/api/dashboard/host.json", "host.json", 404, "application/problem+json")]
    public async Task GetDashboard_ServesTheDashboardsFilesOnly_WithoutTouchingStorage(string path, string? file, int status, string? contentType)
    {
        var ports = PortDoubles.Strict();
        using var worker = Worker(ports);
        var request = HttpCalls.Request(worker.Services);
        request.HttpContext.Request.Path = path;

        await new HttpFunctionCall("GetDashboard", Id: file!).InvokeAsync(worker, request, CancellationToken.None);

        var reply = HttpCalls.Reply(request);
        Assert.Equal((status, contentType), (reply.StatusCode, reply.ContentType));
        Assert.Empty(ports.Calls());
        Assert.StartsWith("default-src 'self';", request.HttpContext.Response.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        if (status == 302)
        {
            Assert.Equal("/api/dashboard/", request.HttpContext.Response.Headers.Location.ToString());
        }
        else if (file is null)
        {
            Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", reply.Body, StringComparison.Ordinal);
        }
    }

    private static RequestFailedException Refused() =>
        new("Connection refused (127.0.0.1:10000)", new HttpRequestException("Connection refused (127.0.0.1:10000)", new SocketException((int)SocketError.ConnectionRefused)));

    private static TaskCanceledException NetworkTimeout() =>
        new("The operation was cancelled because it exceeded the configured timeout of 0:00:30 (test double).", new TaskCanceledException());

    /// <summary>Asserts the 503 ProblemDetails with Retry-After and returns the reply.</summary>
    private static HttpReply AssertStorageUnavailable(HttpRequest request)
    {
        var reply = HttpCalls.Reply(request);
        Assert.Equal((503, "application/problem+json"), (reply.StatusCode, reply.ContentType));
        Assert.Equal("30", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.Equal(
            (503, "Storage unavailable"),
            (reply.Json.GetProperty("status").GetInt32(), reply.Json.GetProperty("title").GetString()));
        Assert.StartsWith("Storage did not answer", reply.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return reply;
    }

    private static FunctionsWorker Worker(PortDoubles ports) =>
        FunctionsWorker.Build(replace: services =>
        {
            ports.Register(services);
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });
}
