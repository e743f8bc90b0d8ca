using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Customers;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Receivables;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Customers;

/// <summary>
/// <c>GET …/customers</c> and <c>…/customers/{id}</c> over strict doubles of the storage ports on 10 July 2025: a request
/// that fails validation never reaches storage, and an unknown tenant is 404.
/// </summary>
public sealed class CustomerEndpointsTests
{
    private readonly Mock<IKpiSnapshotStore> _snapshots = new(MockBehavior.Strict);
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<ILedgerStore> _ledger = new(MockBehavior.Strict);

    [Theory]
    [InlineData("sort=name", "sort 'name' is not a sort key: use one of customerId, mrr, revenueToDate, residualClv, purchaseClv.")]
    [InlineData("segment=pro", "segment 'pro' needs a dimension: add by=, one of plan, product, currency, country, channel, segment, cohort, valueTier, valueSegment.")]
    [InlineData("by=tier&segment=top20", "by 'tier' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort, valueTier, valueSegment.")]
    [InlineData("asOf=2025-7", "asOf '2025-7' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("asOf=2025-07", "asOf 2025-07 has not ended: renewals are observed at month ends, so use 2025-06 or earlier.")]
    [InlineData("format=pdf", "format 'pdf' is not supported: use json, csv, csv-excel or xlsx.")]
    public async Task ListAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ApiResponse.ExecuteAsync(await CustomerEndpoints.ListAsync("acme", Requests.Get(query), Service(), CancellationToken.None));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Theory]
    [InlineData("Acme", "m1", "", "'Acme' is not a tenant id: use lower-case letters, digits and hyphens.")]
    [InlineData("acme", " ", "", "' ' is not a customer id.")]
    [InlineData("acme", "m1", "by=band", "by 'band' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort, valueTier, valueSegment.")]
    public async Task GetAsync_BadValue_Is400NamingIt(string tenant, string id, string query, string detail)
    {
        var response = await ApiResponse.ExecuteAsync(await CustomerEndpoints.GetAsync(tenant, id, Requests.Get(query), Service(), CancellationToken.None));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAndGet_TenantWithoutImports_Is404()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var list = await ApiResponse.ExecuteAsync(await CustomerEndpoints.ListAsync("acme", Requests.Get("asOf=2025-03"), Service(), CancellationToken.None));
        var one = await ApiResponse.ExecuteAsync(await CustomerEndpoints.GetAsync("acme", "m1", Requests.Get(string.Empty), Service(), CancellationToken.None));

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", list.ProblemDetail(404, "Not found"));
        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", one.ProblemDetail(404, "Not found"));
    }

    private CustomerValueQueryService Service()
    {
        var settings = new TenantSettings(Options.Create(new PipelineOptions()));
        var reader = new TenantLedgerReader(_imports.Object, _ledger.Object, settings, new LedgerCache(settings));
        var ledgers = new ClosedMonthLedgers(new Mock<ICloseLog>().Object, reader);
        var kpis = new KpiQueryService(_snapshots.Object, _imports.Object);
        return new CustomerValueQueryService(
            new SubscriberBaseReader(ledgers, kpis, settings), new PurchaseQueryService(reader, kpis, settings, Clock),
            new ReceivablesQueryService(ledgers, kpis, settings, Clock), settings, Clock);
    }

    private static TimeProvider Clock { get; } = new FixedClock(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A clock that always reads the same instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
