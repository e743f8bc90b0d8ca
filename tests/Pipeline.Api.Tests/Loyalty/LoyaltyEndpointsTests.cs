using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Loyalty;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Loyalty;
using Pipeline.Application.Months;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Loyalty;

/// <summary>The loyalty read over strict doubles of every port: bad queries read nothing, an unknown tenant only the import log.</summary>
public sealed class LoyaltyEndpointsTests
{
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<ILedgerStore> _ledger = new(MockBehavior.Strict);
    private readonly Mock<IKpiSnapshotStore> _snapshots = new(MockBehavior.Strict);
    private readonly Mock<ICloseLog> _closes = new(MockBehavior.Strict);
    private readonly Mock<ICloseArtifactStore> _artifacts = new(MockBehavior.Strict);

    [Theory]
    [InlineData("by=cohort", "by 'cohort' is not a dimension: use one of plan, product, currency, country, channel, segment, tier, band.")]
    [InlineData("from=2025-03&to=2025-02", "from 2025-03 is after to 2025-02.")]
    [InlineData("from=2025-3", "from '2025-3' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("format=xls", "format 'xls' is not supported: use json, csv, csv-excel or xlsx.")]
    [InlineData("from=2025-03&to=2025-03&version=0", "version '0' is not a close version: expected a whole number from 1.")]
    [InlineData("from=2025-03&version=1", "version reads one month: give from and to, the same month.")]
    public async Task ListAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ListAsync(query);

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_Is404WithoutReadingTheLedger()
    {
        _snapshots.Setup(store => store.ListAsync(Acme, null, null, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync(string.Empty);

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task ListAsync_VersionNeverClosed_Is404NamingIt()
    {
        _closes.Setup(log => log.ListVersionsAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([Import("abc123", "survey.csv", ComputedAt)]);

        var response = await ListAsync("from=2025-03&to=2025-03&version=2");

        Assert.Equal("Tenant 'acme' has no closed version 2 of 2025-03.", response.ProblemDetail(404, "Not found"));
    }

    private async Task<ApiResponse> ListAsync(string query)
    {
        var settings = new TenantSettings(Options.Create(new PipelineOptions()));
        var loyalty = new LoyaltyQueryService(
            new TenantLedgerReader(_imports.Object, _ledger.Object, settings, new LedgerCache(settings)),
            new KpiQueryService(_snapshots.Object, _imports.Object), _closes.Object, _artifacts.Object,
            new OpenMonths(_artifacts.Object, _snapshots.Object, settings), settings);
        return await ApiResponse.ExecuteAsync(await LoyaltyEndpoints.ListAsync("acme", Requests.Get(query), loyalty, CancellationToken.None));
    }
}
