using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Clv;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Clv;

/// <summary>
/// <c>GET …/clv</c>, <c>…/clv/forecast</c> and <c>…/clv/purchases</c> over strict doubles of the storage ports on 10 July 2025: a request that fails validation never
/// reaches storage (a strict double without setups throws if it is called), and an unknown tenant is 404.
/// </summary>
public sealed class ClvEndpointsTests
{
    private readonly Mock<IKpiSnapshotStore> _snapshots = new(MockBehavior.Strict);
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<ILedgerStore> _ledger = new(MockBehavior.Strict);
    private readonly Mock<ICloseLog> _closes = new();
    private readonly Mock<IClvFitStore> _fits = new();

    [Fact]
    public async Task ListAsync_ClosedMonthWithStoredFits_ServesThemWithItsCloseVersion_WithoutReadingTheLedger()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([Import("abc123", "revenue.csv", ComputedAt)]);
        _closes.Setup(log => log.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(new CloseRecord
        {
            Tenant = Acme, Month = March2025, Status = CloseStatus.Closed, Version = 2, ClosedAt = ComputedAt, ClosedBy = "ops",
            InputsFingerprint = "abc", Currency = Domain.CurrencyCode.Parse("EUR"),
        });
        var fit = new Application.Clv.Estimation.RetentionFit(new Domain.Clv.ShiftedBetaGeometric(0.704077, 1.182043), -1234.56789, 1000, 400, 7, null);
        _fits.Setup(store => store.FindAsync(Acme, March2025, 2, "plan", It.IsAny<CancellationToken>())).ReturnsAsync(
            new ClvReport(March2025, Domain.CurrencyCode.Parse("EUR"), [new ClvGroup("plan", "pro", 1, fit, 600, 12_345.678m, 20.576130m, 296.44m, 100m, 0.10m)])
            {
                CloseVersion = 2,
            });

        var response = await ListAsync("acme", "asOf=2025-03&by=plan");

        var row = Assert.Single(response.Json.EnumerateArray().ToList());
        Assert.Equal(
            ("pro", "month", 0.704077, -1234.5679, 12_345.68m, 2.9644m, 2),
            (row.GetProperty("segment").GetString(), row.GetProperty("period").GetString(), row.GetProperty("alpha").GetDouble(),
                row.GetProperty("logLikelihood").GetDouble(), row.GetProperty("residualClv").GetDecimal(), row.GetProperty("clvToCac").GetDecimal(),
                row.GetProperty("closeVersion").GetInt32()));
    }

    [Theory]
    [InlineData("asOf=2025-13", "asOf '2025-13' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("asOf=June", "asOf 'June' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("asOf=2025-07", "asOf 2025-07 has not ended: renewals are observed at month ends, so use 2025-06 or earlier.")]
    [InlineData("asOf=2031-01", "asOf 2031-01 has not ended: renewals are observed at month ends, so use 2025-06 or earlier.")]
    [InlineData("by=tier", "by 'tier' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort.")]
    [InlineData("by=Plan", "by 'Plan' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort.")]
    [InlineData("format=xls", "format 'xls' is not supported: use json, csv, csv-excel or xlsx.")]
    public async Task ListAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ListAsync("acme", query);

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_TenantNotASlug_Is400()
    {
        var response = await ListAsync("Acme Corp", string.Empty);

        Assert.Equal(
            "'Acme Corp' is not a tenant id: use lower-case letters, digits and hyphens.",
            response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_TenantWithoutImports_Is404()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync("acme", "asOf=2025-03&by=plan");

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Theory]
    [InlineData("months=0", "months '0' must be a whole number from 1 to 36.")]
    [InlineData("months=37", "months '37' must be a whole number from 1 to 36.")]
    [InlineData("months=-1", "months '-1' must be a whole number from 1 to 36.")]
    [InlineData("months=twelve", "months 'twelve' must be a whole number from 1 to 36.")]
    [InlineData("asOf=2025-13&months=12", "asOf '2025-13' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("asOf=2025-07", "asOf 2025-07 has not ended: renewals are observed at month ends, so use 2025-06 or earlier.")]
    [InlineData("by=band", "by 'band' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort.")]
    [InlineData("format=xml", "format 'xml' is not supported: use json, csv, csv-excel or xlsx.")]
    public async Task ForecastAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ApiResponse.ExecuteAsync(await ClvEndpoints.ForecastAsync("acme", Requests.Get(query), Service(), CancellationToken.None));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ForecastAsync_TenantWithoutImports_Is404()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ApiResponse.ExecuteAsync(
            await ClvEndpoints.ForecastAsync("acme", Requests.Get("asOf=2025-03&months=12"), Service(), CancellationToken.None));

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Theory]
    [InlineData("calibrationEnd=1997-09-31", "calibrationEnd '1997-09-31' is not a date: expected yyyy-MM-dd, for example 2025-03-31.")]
    [InlineData("calibrationEnd=1997-09", "calibrationEnd '1997-09' is not a date: expected yyyy-MM-dd, for example 2025-03-31.")]
    [InlineData("calibrationEnd=2025-07-10", "calibrationEnd 2025-07-10 has not ended: the calibration period must be over, so use an earlier day.")]
    [InlineData("unit=year", "unit 'year' is not a time unit: use one of day, week, month.")]
    [InlineData("unit=Week", "unit 'Week' is not a time unit: use one of day, week, month.")]
    [InlineData("by=tier", "by 'tier' is not a CLV dimension: use one of plan, product, currency, country, channel, segment, cohort.")]
    [InlineData("format=xls", "format 'xls' is not supported: use json, csv, csv-excel or xlsx.")]
    public async Task PurchasesAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ApiResponse.ExecuteAsync(await PurchaseEndpoints.ListAsync("acme", Requests.Get(query), Purchases(), CancellationToken.None));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task PurchasesAsync_TenantWithoutImports_Is404()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ApiResponse.ExecuteAsync(
            await PurchaseEndpoints.ListAsync("acme", Requests.Get("calibrationEnd=2025-07-09&unit=day"), Purchases(), CancellationToken.None));

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Theory]
    [InlineData(1, "month")]
    [InlineData(3, "quarter")]
    [InlineData(12, "year")]
    [InlineData(6, "6-month")]
    public void PeriodName_NamesTheBillingPeriod(int months, string name) => Assert.Equal(name, ClvRow.PeriodName(months));

    private async Task<ApiResponse> ListAsync(string tenant, string query) =>
        await ApiResponse.ExecuteAsync(await ClvEndpoints.ListAsync(tenant, Requests.Get(query), Service(), CancellationToken.None));

    private ClvQueryService Service()
    {
        var settings = new TenantSettings(Options.Create(new PipelineOptions()));
        var kpis = new KpiQueryService(_snapshots.Object, _imports.Object);
        return new ClvQueryService(
            new SubscriberBaseReader(
                new ClosedMonthLedgers(_closes.Object, new TenantLedgerReader(_imports.Object, _ledger.Object, settings, new LedgerCache(settings))),
                kpis,
                settings),
            kpis,
            settings,
            new FixedClock(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero)),
            _closes.Object,
            _fits.Object);
    }

    private PurchaseQueryService Purchases()
    {
        var settings = new TenantSettings(Options.Create(new PipelineOptions()));
        return new PurchaseQueryService(
            new TenantLedgerReader(_imports.Object, _ledger.Object, settings, new LedgerCache(settings)),
            new KpiQueryService(_snapshots.Object, _imports.Object),
            settings,
            new FixedClock(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>A clock that always reads the same instant.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
