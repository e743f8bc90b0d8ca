using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Tests;
using Pipeline.Domain;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The scheduled close, fanned out: the timer enqueues one message per tenant with a month due and none for the others,
/// and the queue function closes one tenant, quietly when another closer holds its lease, and rethrows storage errors.
/// </summary>
public sealed class CloseFanOutFunctionTests
{
    // 4 August 2025 02:00 UTC, the default schedule's run: July is due (3 days' lag).
    private static readonly DateTimeOffset Now = new(2025, 8, 4, 2, 0, 0, TimeSpan.Zero);
    private static readonly BillingMonth July = new(2025, 7);
    private static readonly TenantId Acme = TenantId.Parse("acme");

    [Fact]
    public async Task CloseMonths_EnqueuesExactlyOneMessagePerTenantWithAMonthDue_AndNoneForTheOthers()
    {
        var ports = PortDoubles.Strict();
        ports.Imports.Setup(log => log.ListTenantsAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([Tenant("acme"), Tenant("beta"), Tenant("done"), Tenant("fresh")]);
        ports.Closes.Setup(log => log.FindAsync(Tenant("acme"), July, It.IsAny<CancellationToken>())).ReturnsAsync((CloseRecord?)null);
        ports.Closes.Setup(log => log.FindAsync(Tenant("beta"), July, It.IsAny<CancellationToken>())).ReturnsAsync(Record("beta", CloseStatus.Reopened));
        ports.Closes.Setup(log => log.FindAsync(Tenant("done"), July, It.IsAny<CancellationToken>())).ReturnsAsync(Record("done", CloseStatus.Closed));
        ports.Closes.Setup(log => log.FindAsync(Tenant("fresh"), July, It.IsAny<CancellationToken>())).ReturnsAsync((CloseRecord?)null);
        ports.Imports.Setup(log => log.ListAsync(Tenant("acme"), It.IsAny<CancellationToken>())).ReturnsAsync([Accepted("acme", new BillingMonth(2025, 1))]);
        ports.Imports.Setup(log => log.ListAsync(Tenant("beta"), It.IsAny<CancellationToken>())).ReturnsAsync([Accepted("beta", new BillingMonth(2024, 11))]);
        ports.Imports.Setup(log => log.ListAsync(Tenant("fresh"), It.IsAny<CancellationToken>())).ReturnsAsync([Accepted("fresh", new BillingMonth(2025, 8))]);
        using var worker = FunctionsWorker.Build(replace: services =>
        {
            ports.Register(services);
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });

        var messages = await worker.Create<CloseMonthsFunction>().RunAsync(new Mock<TimerInfo>(MockBehavior.Strict).Object, CancellationToken.None);

        Assert.Equal(["""{"tenant":"acme","through":"2025-07"}""", """{"tenant":"beta","through":"2025-07"}"""], messages);
        ports.Closes.Verify(log => log.FindAsync(It.IsAny<TenantId>(), July, It.IsAny<CancellationToken>()), Times.Exactly(4));
        ports.Imports.Verify(log => log.ListAsync(Tenant("done"), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CloseMonths_StorageUnavailable_ErrorPropagatesAndNothingIsEnqueued()
    {
        var ports = PortDoubles.StorageDown();
        using var worker = FunctionsWorker.Build(replace: ports.Register);

        await Assert.ThrowsAsync<RequestFailedException>(
            () => worker.Create<CloseMonthsFunction>().RunAsync(new Mock<TimerInfo>(MockBehavior.Strict).Object, CancellationToken.None));

        Assert.Equal(["IImportLog.ListTenantsAsync()"], ports.Calls());
    }

    [Fact]
    public async Task CloseTenant_ClosesTheTenantsOpenMonthsThroughTheMessagesMonth_AsSchedule()
    {
        var ports = new InMemoryPorts(Now);
        using var worker = await WorkerWithAcmeAsync(ports);
        var logger = new RecordingLogger<CloseTenantFunction>();
        var function = new CloseTenantFunction(worker.Get<MonthCloseService>(), logger);

        await function.RunAsync("""{"tenant":"acme","through":"2025-07"}""", Context(dequeueCount: "2"), CancellationToken.None);

        var records = await ports.Closes.ListAsync(Acme, CancellationToken.None);
        Assert.Equal(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"], records.Select(record => record.Month.ToString()));
        Assert.Equal(SampleExports.MrrJanuaryToAugust[..7], records.Select(record => record.Mrr));
        Assert.All(records, record => Assert.Equal((CloseStatus.Closed, "schedule"), (record.Status, record.ClosedBy)));
        Assert.Equal(["Information 3001: Scheduled close of tenant acme through 2025-07: Closed, 7 months closed (attempt 2)"], logger.Entries);
    }

    [Fact]
    public async Task CloseTenant_AnotherCloserHoldsTheLease_EndsQuietlyClosingNothing()
    {
        var ports = new InMemoryPorts(Now);
        using var worker = await WorkerWithAcmeAsync(ports);
        Assert.NotNull(await ports.Closes.TryAcquireLeaseAsync(Acme, "ops", Now, TimeSpan.FromMinutes(5), CancellationToken.None));
        var logger = new RecordingLogger<CloseTenantFunction>();

        await new CloseTenantFunction(worker.Get<MonthCloseService>(), logger)
            .RunAsync("""{"tenant":"acme","through":"2025-07"}""", Context(dequeueCount: "1"), CancellationToken.None);

        Assert.Empty(await ports.Closes.ListAsync(Acme, CancellationToken.None));
        Assert.Equal(["Information 3001: Scheduled close of tenant acme through 2025-07: Busy, 0 months closed (attempt 1)"], logger.Entries);
    }

    [Fact]
    public async Task CloseTenant_StorageFailsMidClose_ErrorPropagates_AndTheRetryConverges()
    {
        var ports = new InMemoryPorts(Now);
        using var worker = await WorkerWithAcmeAsync(ports);
        ports.Closes.FailOnceAt = new BillingMonth(2025, 4);
        var function = worker.Create<CloseTenantFunction>();
        const string Message = """{"tenant":"acme","through":"2025-07"}""";

        var failure = await Assert.ThrowsAsync<IOException>(() => function.RunAsync(Message, Context(dequeueCount: "1"), CancellationToken.None));
        var afterFailure = await ports.Closes.ListAsync(Acme, CancellationToken.None);
        await function.RunAsync(Message, Context(dequeueCount: "2"), CancellationToken.None);

        Assert.Contains("2025-04", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["2025-01", "2025-02", "2025-03"], afterFailure.Select(record => record.Month.ToString()));
        Assert.Equal(7, (await ports.Closes.ListAsync(Acme, CancellationToken.None)).Count(record => record.Status == CloseStatus.Closed));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"tenant":"Acme Corp","through":"2025-07"}""")]
    [InlineData("""{"tenant":"acme","through":"July"}""")]
    public async Task CloseTenant_NotACloseMessage_IsLoggedAndConsumedWithoutTouchingStorage(string message)
    {
        using var worker = FunctionsWorker.Build(replace: PortDoubles.Strict().Register);
        var logger = new RecordingLogger<CloseTenantFunction>();

        await new CloseTenantFunction(worker.Get<MonthCloseService>(), logger).RunAsync(message, Context(dequeueCount: "1"), CancellationToken.None);

        Assert.Equal([$"Error 3003: Message of {message.Length} characters on the closes queue is not a close message; dropped"], logger.Entries);
    }

    [Fact]
    public void DrainPoisonCloses_LogsAnErrorNamingTheTenantAndMonth()
    {
        var logger = new RecordingLogger<DrainPoisonClosesFunction>();

        new DrainPoisonClosesFunction(logger).Run("""{"tenant":"acme","through":"2025-07"}""");
        new DrainPoisonClosesFunction(logger).Run("garbage");

        Assert.Equal(
            [
                "Error 3010: Scheduled close of tenant acme through 2025-07 failed on every attempt; its months stay open until the next run or a close by hand",
                "Warning 3011: Message of 7 characters on the closes poison queue is not a close message; dropped",
            ],
            logger.Entries);
    }

    [Fact]
    public void CloseTenantMessage_RoundTrips()
    {
        var message = CloseTenantMessage.From(new DueClose(Acme, July));

        Assert.True(CloseTenantMessage.TryParse(message.ToJson(), out var read));
        Assert.Equal(message, read);
    }

    private static async Task<FunctionsWorker> WorkerWithAcmeAsync(InMemoryPorts ports)
    {
        var worker = FunctionsWorker.Build(replace: ports.Register);
        var record = await worker.Get<ExportIngestionService>().IngestAsync(ports.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
        return worker;
    }

    /// <summary>A queue-triggered invocation's context: its binding data carries the message's dequeue count.</summary>
    private static FunctionContext Context(string dequeueCount)
    {
        var binding = new Mock<BindingContext>(MockBehavior.Strict);
        binding.SetupGet(data => data.BindingData).Returns(new Dictionary<string, object?> { ["DequeueCount"] = dequeueCount, ["Id"] = "message-1" });
        var context = new Mock<FunctionContext>(MockBehavior.Strict);
        context.SetupGet(invocation => invocation.BindingContext).Returns(binding.Object);
        return context.Object;
    }

    private static TenantId Tenant(string id) => TenantId.Parse(id);

    private static CloseRecord Record(string tenant, CloseStatus status) => new()
    {
        Tenant = Tenant(tenant),
        Month = July,
        Status = status,
        Version = 1,
        ClosedAt = Now.AddDays(-1),
        ClosedBy = "schedule",
        InputsFingerprint = "f1",
        Currency = CurrencyCode.Parse("EUR"),
    };

    private static ImportRecord Accepted(string tenant, BillingMonth first) => new()
    {
        Tenant = Tenant(tenant),
        ImportId = $"{tenant}-1",
        BlobName = $"{tenant}/revenue.csv",
        BlobETag = "0x1",
        ContentHash = $"{tenant}-1",
        Status = ImportStatus.Accepted,
        ReceivedAt = Now.AddDays(-3),
        FirstMonth = first,
        LastMonth = July,
    };
}
