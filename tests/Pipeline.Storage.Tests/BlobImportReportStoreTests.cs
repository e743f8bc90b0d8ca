using System.Text.Json;
using Azure.Storage.Blobs;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Ingestion;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobImportReportStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private BlobContainerClient _container = null!;
    private BlobImportReportStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _container = storage.Blobs.GetBlobContainerClient(storage.Options.ReportsContainer);
        _store = new BlobImportReportStore(storage.Blobs, storage.Wrapped);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteAsync_FullReport_ReadsBackEqual()
    {
        var report = Report();

        await _store.WriteAsync(report, CancellationToken.None);

        var read = await _store.ReadAsync(Samples.Tenant, "imp1", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(report with { Errors = read.Errors, ErrorCounts = read.ErrorCounts, Warnings = read.Warnings }, read);
        Assert.Equal(report.Errors, read.Errors);
        Assert.Equal(report.ErrorCounts, read.ErrorCounts);
        Assert.Equal(9, read.TotalErrors);
        Assert.Equal(report.Warnings, read.Warnings);
    }

    [Fact]
    public async Task WriteAsync_WritesCamelCaseJsonWithEnumNamesAndMonths()
    {
        await _store.WriteAsync(Report(), CancellationToken.None);

        var json = (await _container.GetBlobClient("acme/imp1.json").DownloadContentAsync()).Value.Content.ToString();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal("acme", root.GetProperty("tenant").GetString());
        Assert.Equal("Rejected", root.GetProperty("status").GetString());
        Assert.Equal("2024-12", root.GetProperty("firstMonth").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lastMonth").ValueKind);
        Assert.Equal("amount", root.GetProperty("errors")[0].GetProperty("column").GetString());
    }

    [Fact]
    public async Task ReadAsync_NeverWritten_ReturnsNull()
    {
        Assert.Null(await _store.ReadAsync(Samples.Tenant, "missing", CancellationToken.None));
    }

    private static ImportReport Report() => new()
    {
        ImportId = "imp1",
        Tenant = Samples.Tenant,
        FileName = "invoices ä.csv",
        Status = ImportStatus.Rejected,
        Format = "stripe-invoice-lines",
        Rows = 10,
        RevenueLines = 0,
        Customers = 0,
        Reason = "8 of 10 rows could not be read.",
        Errors = [new RowError(2, "amount", "12,5O", "Expected a number such as 12.50."), new RowError(3, "currency", "", "Missing.")],
        ErrorCounts = [new RowErrorCount("amount", "'{value}' is not a number.", 7, 4, "x")],
        Warnings = ["Column 'memo' was ignored."],
        FirstMonth = new BillingMonth(2024, 12),
        LastMonth = null,
        ReceivedAt = new DateTimeOffset(2025, 4, 2, 9, 15, 30, 123, TimeSpan.Zero).AddTicks(4567),
    };
}
