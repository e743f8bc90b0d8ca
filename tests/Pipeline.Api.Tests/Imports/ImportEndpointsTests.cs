using Microsoft.AspNetCore.Http;
using Moq;
using Pipeline.Api.Imports;
using Pipeline.Application.Imports;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Imports;

/// <summary>The import log over strict doubles of the import log and report store.</summary>
/// <remarks>File names and reasons come from whoever dropped the file, so they are where a CSV formula would hide.</remarks>
public sealed class ImportEndpointsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2025, 4, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<IImportReportStore> _reports = new(MockBehavior.Strict);

    private ImportQueryService Queries => new(_imports.Object, _reports.Object);

    [Fact]
    public async Task ListAsync_Csv_IsTheJsonRowsInTheSameColumnOrderWithNullsAsEmptyCells()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Import("abc123", "revenue.csv", ReceivedAt)]);

        var json = await ListAsync(Requests.Get());
        var csv = await ListAsync(Requests.Get("format=csv"));

        Assert.Equal(
            ["id", "fileName", "status", "format", "rows", "rowErrors", "receivedAt", "reason", "reasonCode", "duplicateOf"],
            json.Json[0].EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(
            "id,fileName,status,format,rows,rowErrors,receivedAt,reason,reasonCode,duplicateOf\r\n"
            + "abc123,revenue.csv,Accepted,canonical-revenue-lines,120,2,2025-04-01T08:00:00.000Z,,,\r\n",
            csv.Body);
    }

    [Fact]
    public async Task ListAsync_Csv_NeutralisesLeadingFormulaCharactersAndQuotesSeparators()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Import("a1", "=HYPERLINK(\"http://x.test\").csv", ReceivedAt),
            Import("a2", "+31 revenue.csv", ReceivedAt.AddMinutes(1)),
            Import("a3", "-2.csv", ReceivedAt.AddMinutes(2)),
            Import("a4", "@SUM(A1).csv", ReceivedAt.AddMinutes(3)) with { Reason = "Missing columns: amount, currency." },
            Import("a5", "revenue=march.csv", ReceivedAt.AddMinutes(4)),
        ]);

        var csv = await ListAsync(Requests.Get("format=csv"));

        Assert.Equal(
            [
                "a1,\"'=HYPERLINK(\"\"http://x.test\"\").csv\",Accepted,canonical-revenue-lines,120,2,2025-04-01T08:00:00.000Z,,,",
                "a2,'+31 revenue.csv,Accepted,canonical-revenue-lines,120,2,2025-04-01T08:01:00.000Z,,,",
                "a3,'-2.csv,Accepted,canonical-revenue-lines,120,2,2025-04-01T08:02:00.000Z,,,",
                "a4,'@SUM(A1).csv,Accepted,canonical-revenue-lines,120,2,2025-04-01T08:03:00.000Z,\"Missing columns: amount, currency.\",,",
                "a5,revenue=march.csv,Accepted,canonical-revenue-lines,120,2,2025-04-01T08:04:00.000Z,,,",
            ],
            csv.Lines[1..]);
    }

    [Fact]
    public async Task ListAsync_TenantWithoutImports_Is404()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync(Requests.Get());

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    [Fact]
    public async Task GetAsync_UnknownImport_Is404NamingIt()
    {
        _imports.Setup(log => log.FindAsync(Acme, "abc999", It.IsAny<CancellationToken>())).ReturnsAsync((ImportRecord?)null);

        var response = await GetAsync("abc999");

        Assert.Equal("Tenant 'acme' has no import 'abc999'.", response.ProblemDetail(404, "Not found"));
    }

    [Theory]
    [InlineData("abc#1")]
    [InlineData("abc?1")]
    [InlineData("abc\\1")]
    [InlineData(" ")]
    public async Task GetAsync_IdWithATableKeyCharacter_Is400NamingIt(string id)
    {
        var response = await GetAsync(id);

        Assert.Equal($"'{id}' is not an import id.", response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task GetAsync_ImportWithReport_IsOneJsonObjectWithEveryBadRow()
    {
        var record = Import("abc123", "revenue.csv", ReceivedAt) with { CompletedAt = ReceivedAt.AddSeconds(3) };
        _imports.Setup(log => log.FindAsync(Acme, "abc123", It.IsAny<CancellationToken>())).ReturnsAsync(record);
        _reports.Setup(store => store.ReadAsync(Acme, "abc123", It.IsAny<CancellationToken>())).ReturnsAsync(new ImportReport
        {
            ImportId = "abc123",
            Tenant = Acme,
            FileName = "revenue.csv",
            Status = ImportStatus.Accepted,
            Rows = 120,
            RevenueLines = 118,
            Errors = [new(7, "amount", "12,5O", "is not a number")],
            ReceivedAt = ReceivedAt,
        });

        var response = await GetAsync("abc123");

        Assert.Equal((200, "application/json; charset=utf-8"), (response.StatusCode, response.ContentType));
        var detail = response.Json;
        var error = Assert.Single(detail.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal(
            ("abc123", "revenue.csv", 118, 7L, "amount", "12,5O"),
            (detail.GetProperty("id").GetString(), detail.GetProperty("fileName").GetString(), detail.GetProperty("revenueLines").GetInt32(),
                error.GetProperty("row").GetInt64(), error.GetProperty("column").GetString(),
                error.GetProperty("value").GetString()));
    }

    private async Task<ApiResponse> ListAsync(HttpRequest request) =>
        await ApiResponse.ExecuteAsync(await ImportEndpoints.ListAsync("acme", request, Queries, CancellationToken.None));

    private async Task<ApiResponse> GetAsync(string id) =>
        await ApiResponse.ExecuteAsync(await ImportEndpoints.GetAsync("acme", id, Queries, CancellationToken.None));
}
