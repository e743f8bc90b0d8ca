using Microsoft.Extensions.Options;
using Moq;
using Pipeline.Api.Payments;
using Pipeline.Application;
using Pipeline.Application.Imports;
using Pipeline.Application.Ledger;
using Pipeline.Application.Payments;
using static Pipeline.Api.Tests.Samples;

namespace Pipeline.Api.Tests.Payments;

/// <summary>The payments read over strict doubles of the import log and the ledger: bad queries never read the ledger.</summary>
public sealed class PaymentEndpointsTests
{
    private readonly Mock<IImportLog> _imports = new(MockBehavior.Strict);
    private readonly Mock<ILedgerStore> _ledger = new(MockBehavior.Strict);

    [Theory]
    [InlineData("type=cash", "type 'cash' is not a money movement: use one of payment, refund, credit_note, chargeback, failed_payment.")]
    [InlineData("by=week", "by 'week' is not supported: use by=month for totals per month and currency.")]
    [InlineData("from=2025-03&to=2025-02", "from 2025-03 is after to 2025-02.")]
    [InlineData("to=2025-3-1", "to '2025-3-1' is not a month: expected yyyy-MM, for example 2025-03.")]
    [InlineData("format=xml", "format 'xml' is not supported: use json, csv, csv-excel or xlsx.")]
    public async Task ListAsync_BadQueryValue_Is400NamingIt(string query, string detail)
    {
        var response = await ListAsync(query);

        Assert.Equal(detail, response.ProblemDetail(400, "Bad request value"));
    }

    [Fact]
    public async Task ListAsync_TenantWithoutImports_Is404WithoutReadingTheLedger()
    {
        _imports.Setup(log => log.ListAsync(Acme, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await ListAsync(string.Empty);

        Assert.Equal("Tenant 'acme' is unknown: no export was ever dropped for it.", response.ProblemDetail(404, "Not found"));
    }

    private async Task<ApiResponse> ListAsync(string query)
    {
        var settings = new TenantSettings(Options.Create(new PipelineOptions()));
        var payments = new PaymentQueryService(new TenantLedgerReader(_imports.Object, _ledger.Object, settings, new LedgerCache(settings)), _imports.Object, settings);
        return await ApiResponse.ExecuteAsync(await PaymentEndpoints.ListAsync("acme", Requests.Get(query), payments, CancellationToken.None));
    }
}
