using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Clv;
using Pipeline.Application.Ledger;
using Pipeline.Application.Months;
using Pipeline.Application.Receivables;
using Pipeline.Api.Kpis;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Kpis;

/// <summary>
/// The KPI reads over strict doubles of the snapshot store and import log: a request that fails validation never
/// reaches storage (a strict double without setups throws if it is called).
/// </summary>
public sealed class KpiEndpointsTests
{
    private readonly Mock<IKpiSnapshotStore> _snapshots = new(MockBehavior.Strict);
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);

    private readonly Mock<IValueSegmentKpiStore> _valueSegments = new(MockBehavior.Strict);

    private KpiQueryService Queries => new(_snapshots.Object, _imports.Object);

    /// <summary>The value segment reads over the same doubles; a closed month's stored rows need no ledger, close log or artifacts.</summary>
    private ValueSegmentKpiService ValueSegments
    {
        get
        {
            var settings = new TenantSettings(Options.Create(new PipelineOptions()));
            var reader = new TenantLedgerReader(_imports.Object, new Mock<ILedgerStore>(MockBehavior.Strict).Object, settings, new LedgerCache(settings));
            var closes = new Mock<ICloseLog>(MockBehavior.Strict).Object;
            var artifacts = new Mock<ICloseArtifactStore>(MockBehavior.Strict).Object;
            var ledgers = new ClosedMonthLedgers(closes, reader);
            var values = new CustomerValueQueryService(
                new SubscriberBaseReader(ledgers, Queries, settings), new PurchaseQueryService(reader, Queries, settings, TimeProvider.System),
                new ReceivablesQueryService(ledgers, Queries, settings, TimeProvider.System), settings, TimeProvider.System);
            return new ValueSegmentKpiService(
                Queries, closes, ledgers, reader, artifacts, new OpenMonths(artifacts, _snapshots.Object, settings), values, _valueSegments.Object);
        }
    }

    [Theory]
    [InlineData("from=2025-13", "from '2025-13' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("from=2025-01&to=March", "to 'March' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("from=2025-06&to=2025-01", "from 2025-06 is after to 2025-01.")]
    [InlineData("format=xls", "format 'xls' is not supported: use json, csv, csv-excel or xlsx.")]
    [InlineData("by=planet", "by 'planet' is not a dimension: use one of plan, product, currency, country, channel, segment, tier, band, valueSegment.")]
    [InlineData("by=valueTier", "by 'valueTier' is not a dimension: use one of plan, product, currency, country, channel, segment, tier, band, valueSegment.")]
    public async Task ListAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ListAsync("acme", Requests.Get(query));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_TenantNotASlug_Is400()
    {
        var response = await ListAsync("Acme Corp", Requests.Get());

        Assert.Equal(
            "'Acme Corp' is not a tenant id: use lower-case letters, digits and hyphens.",
            response.ProblemDetail(400, "Bad request value"));
    }

    [Theory]
    [InlineData("03-2025", "", "month '03-2025' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("2025-03", "version=0", "version '0' is not a close version: expected a whole number from 1.")]
    [InlineData("2025-03", "version=-1", "version '-1' is not a close version: expected a whole number from 1.")]
    [InlineData("2025-03", "version=latest", "version 'latest' is not a close version: expected a whole number from 1.")]
    public async Task GetAsync_BadMonthOrVersion_Is400NamingIt(string month, string query, string detail)
    {
        var response = await GetAsync(month, Requests.Get(query));

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_TenantWithoutImports_Is404()
    {
        _snapshots.Setup(store => store.ListAsync(Acme, null, null, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync("acme", Requests.Get());

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task GetAsync_KnownTenantMonthWithoutFigures_Is404NamingTheMonth()
    {
        _snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync((KpiSnapshot?)null);
        KnownTenant();

        var response = await GetAsync("2025-03", Requests.Get());

        Assert.Equal("Tenant 'acme' has no figures for 2025-03.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task GetAsync_VersionNeverClosed_Is404NamingTheVersion()
    {
        _snapshots.Setup(store => store.FindVersionAsync(Acme, March2025, 2, It.IsAny<CancellationToken>())).ReturnsAsync((KpiSnapshot?)null);
        KnownTenant();

        var response = await GetAsync("2025-03", Requests.Get("version=2"));

        Assert.Equal("Tenant 'acme' has no closed version 2 of 2025-03.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task ListAsync_ByValueSegmentOfAClosedMonth_ServesTheRowsStoredWithItsCloseVersion()
    {
        _snapshots.Setup(store => store.ListAsync(Acme, March2025, March2025, It.IsAny<CancellationToken>())).ReturnsAsync([ClosedMarch()]);
        var currency = CurrencyCode.Parse("EUR");
        SegmentSnapshot Row(string value, decimal start, decimal mrr, int customers) => new(
            new SegmentKpis(SegmentDimensions.ValueSegment, value, MonthlyKpis.Placeholder(March2025, currency) with
            {
                StartMrr = start, Mrr = mrr, NewMrr = mrr - start, StartCustomers = customers, Customers = customers,
            }),
            KpiStatus.Closed, 1, ComputedAt);
        _valueSegments.Setup(store => store.ListAsync(Acme, March2025, March2025, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<(BillingMonth Month, int Version), IReadOnlyList<SegmentSnapshot>>
            {
                [(March2025, 1)] = [Row("basic", 200m, 234.50m, 3), Row("key", 800m, 1000m, 1)],
            });

        var response = await ListAsync("acme", Requests.Get("by=valueSegment&from=2025-03&to=2025-03"));
        var csv = await ListAsync("acme", Requests.Get("by=valueSegment&from=2025-03&to=2025-03&format=csv"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            ["2025-03 valueSegment basic closed 1 234.50 34.50", "2025-03 valueSegment key closed 1 1000.00 200.00"],
            response.Json.EnumerateArray().Select(row => string.Create(
                CultureInfo.InvariantCulture,
                $"{row.GetProperty("month").GetString()} {row.GetProperty("dimension").GetString()} {row.GetProperty("segment").GetString()} {row.GetProperty("status").GetString()} {row.GetProperty("version").GetInt32()} {row.GetProperty("mrr").GetDecimal():0.00} {row.GetProperty("newMrr").GetDecimal():0.00}")));
        Assert.Equal(3, csv.Lines.Count(line => line.Length > 0));
        Assert.StartsWith("2025-03,valueSegment,key,", csv.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_FromTo_ReadsThatRangeAsJsonRows()
    {
        _snapshots.Setup(store => store.ListAsync(Acme, new BillingMonth(2025, 1), March2025, It.IsAny<CancellationToken>()))
            .ReturnsAsync([ClosedMarch()]);

        var response = await ListAsync("acme", Requests.Get("from=2025-01&to=2025-03"));

        Assert.Equal((200, "application/json; charset=utf-8"), (response.StatusCode, response.ContentType));
        var row = Assert.Single(response.Json.EnumerateArray().ToList());
        Assert.Equal(
            ("2025-03", "closed", 1234.50m, 0.100000m, 102.88m, JsonValueKind.Null),
            (row.GetProperty("month").GetString(), row.GetProperty("status").GetString(), row.GetProperty("mrr").GetDecimal(),
                row.GetProperty("customerChurnRate").GetDecimal(), row.GetProperty("arpa").GetDecimal(), row.GetProperty("cmrr").ValueKind));
    }

    [Fact]
    public async Task ListAsync_Csv_HasTheJsonColumnsInOrderWithInvariantValuesAndEmptyNulls()
    {
        _snapshots.Setup(store => store.ListAsync(Acme, null, null, It.IsAny<CancellationToken>())).ReturnsAsync([ClosedMarch()]);
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CommaDecimalCulture();
        try
        {
            var json = await ListAsync("acme", Requests.Get());
            var csv = await ListAsync("acme", Requests.Get("format=csv"));

            Assert.Equal((200, "text/csv; charset=utf-8"), (csv.StatusCode, csv.ContentType));
            var columns = json.Json[0].EnumerateObject().Select(property => property.Name).ToArray();
            Assert.Equal(columns, csv.Lines[0].Split(','));
            var cells = csv.Lines[1].Split(',');
            Assert.Equal(columns.Length, cells.Length);
            string Cell(string column) => cells[Array.IndexOf(columns, column)];
            Assert.Equal(
                ["2025-03", "", "closed", "EUR", "1000.00", "1234.50", "14814.00", "", "-12.35", "0.100000", "0.065500", "102.88", "2025-04-02T06:30:00.000Z"],
                [Cell("month"), Cell("dimension"), Cell("status"), Cell("currency"), Cell("startMrr"), Cell("mrr"), Cell("arr"), Cell("cmrr"),
                    Cell("fxImpactMrr"), Cell("customerChurnRate"), Cell("grossMrrChurnRate"), Cell("arpa"), Cell("computedAt")]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData("", null, "application/json; charset=utf-8")]
    [InlineData("", "text/csv", "text/csv; charset=utf-8")]
    [InlineData("", "application/json", "application/json; charset=utf-8")]
    [InlineData("format=csv", null, "text/csv; charset=utf-8")]
    [InlineData("format=CSV", "application/json", "text/csv; charset=utf-8")]
    [InlineData("format=json", "text/csv", "application/json; charset=utf-8")]
    public async Task GetAsync_FormatOrAcceptHeader_ChoosesJsonOrCsv(string query, string? accept, string contentType)
    {
        _snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(ClosedMarch());

        var response = await GetAsync("2025-03", Requests.Get(query, accept));

        Assert.Equal((200, contentType), (response.StatusCode, response.ContentType));
        Assert.StartsWith(contentType.StartsWith("text/csv", StringComparison.Ordinal) ? "month,dimension,segment," : "{\"month\":\"2025-03\",", response.Body, StringComparison.Ordinal);
    }

    /// <summary>A culture that writes 1234,5 for 1234.5, so a value formatted with the current culture shows.</summary>
    private static CultureInfo CommaDecimalCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.DateTimeFormat.DateSeparator = ".";
        return culture;
    }

    private void KnownTenant() =>
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Import("abc123", "revenue.csv", ComputedAt)]);

    private async Task<ApiResponse> ListAsync(string tenant, HttpRequest request) =>
        await ApiResponse.ExecuteAsync(await KpiEndpoints.ListAsync(tenant, request, Queries, ValueSegments, CancellationToken.None));

    private async Task<ApiResponse> GetAsync(string month, HttpRequest request) =>
        await ApiResponse.ExecuteAsync(await KpiEndpoints.GetAsync("acme", month, request, Queries, CancellationToken.None));
}
