using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Movements;
using Pipeline.Application;
using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Ledger;
using Pipeline.Application.Movements;
using Pipeline.Domain;
using Pipeline.Domain.Metrics;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Movements;

/// <summary>The movement drill-down over strict doubles of the snapshot store, the close artifacts and the import log.</summary>
public sealed class MovementEndpointsTests
{
    private readonly Mock<IKpiSnapshotStore> _snapshots = new(MockBehavior.Strict);
    private readonly Mock<ICloseArtifactStore> _artifacts = new(MockBehavior.Strict);
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<ILedgerStore> _ledger = new(MockBehavior.Strict);

    [Theory]
    [InlineData("2025-03", "type=upgrade", "type 'upgrade' is not a movement: use one of new, expansion, reactivation, contraction, churn, subscribed-and-churned.")]
    [InlineData("2025-03", "format=pdf", "format 'pdf' is not supported: use json, csv, csv-excel or xlsx.")]
    [InlineData("2025/03", "", "month '2025/03' is not a month: expected yyyy-MM, for example 2025-03.")]
    public async Task ListAsync_BadValue_Is400NamingIt(string month, string query, string detail)
    {
        var response = await ListAsync(month, query);

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_KnownTenantMonthWithoutFigures_Is404NamingTheMonth()
    {
        _snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync((KpiSnapshot?)null);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([Import("abc123", "revenue.csv", ComputedAt)]);

        var response = await ListAsync("2025-03", string.Empty);

        Assert.Equal("Tenant 'acme' has no figures for 2025-03.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_Is404()
    {
        _snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync((KpiSnapshot?)null);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync("2025-03", string.Empty);

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task ListAsync_TypeChurn_KeepsTheChurnedCustomersOfTheClosedVersion()
    {
        _snapshots.Setup(store => store.FindAsync(Acme, March2025, It.IsAny<CancellationToken>())).ReturnsAsync(ClosedMarch());
        _artifacts.Setup(store => store.ReadMovementsAsync(Acme, March2025, 1, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new("cus_1", 0m, 300m, MovementType.New, 300m),
            new("cus_2", 25m, 0m, MovementType.Churn, 25m),
            new("cus_3", 0m, 0m, MovementType.None, 0m, SubscribedAndChurned: true),
        ]);
        _artifacts.Setup(store => store.ReadClosingAsync(Acme, March2025, 1, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new CustomerMonthEnd("cus_2", 0m, EverPaid: true) { Name = "Globex", Country = "DE" }]);
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([Import("abc123", "survey.csv", ComputedAt.AddDays(-10))]);
        _ledger.Setup(store => store.ReadWithoutLinesAsync(Acme, "abc123", It.IsAny<CancellationToken>())).ReturnsAsync(new LedgerBatch([], [])
        {
            // cus_2 answered 10 in February and 3 in March; the answer of April is after the month and does not count.
            Responses = [Answer("cus_2", 2, 10), Answer("cus_2", 3, 3), Answer("cus_2", 4, 9)],
        });

        var response = await ListAsync("2025-03", "type=churn");

        Assert.Equal(200, response.StatusCode);
        var row = Assert.Single(response.Json.EnumerateArray().ToList());
        Assert.Equal(
            ("cus_2", "Globex", "DE", "churn", "closed", 25.00m, 0.00m),
            (row.GetProperty("customerId").GetString(), row.GetProperty("name").GetString(), row.GetProperty("country").GetString(),
                row.GetProperty("movement").GetString(), row.GetProperty("status").GetString(), row.GetProperty("amount").GetDecimal(),
                row.GetProperty("endMrr").GetDecimal()));
        Assert.Equal((3, "detractor"), (row.GetProperty("surveyScore").GetInt32(), row.GetProperty("surveyCategory").GetString()));
    }

    private static SurveyResponse Answer(string customer, int month, int score) => new()
    {
        CustomerId = customer, RespondedAt = new DateTimeOffset(2025, month, 15, 0, 0, 0, TimeSpan.Zero), Score = score, ImportedAt = ComputedAt.AddDays(-10),
    };

    private static readonly TenantSettings Settings = new(Options.Create(new PipelineOptions()));

    private TenantLedgerReader Ledgers() => new(_imports.Object, _ledger.Object, Settings, new LedgerCache(Settings));

    private async Task<ApiResponse> ListAsync(string month, string query) =>
        await ApiResponse.ExecuteAsync(await MovementEndpoints.ListAsync(
            "acme", month, Requests.Get(query), new MovementQueryService(_snapshots.Object, _artifacts.Object, Ledgers(), Settings),
            new KpiQueryService(_snapshots.Object, _imports.Object), CancellationToken.None));
}
