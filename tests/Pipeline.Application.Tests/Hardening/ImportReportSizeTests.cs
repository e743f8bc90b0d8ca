using System.Globalization;
using System.Text;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Hardening;

/// <summary>Hardening item 7: an import report keeps the first errors in full and counts the rest; each bad value is stored once.</summary>
public sealed class ImportReportSizeTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero), new Dictionary<string, string?> { ["Pipeline:MaxReportedRowErrors"] = "2" });

    [Fact]
    public async Task IngestAsync_FiftyBadAmounts_ReportListsTwoInFullAndCountsTheOtherFortyEight()
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(
            _pipeline.Inbox.Put("acme/bad-amounts.csv", BadAmounts(50)), CancellationToken.None);

        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal((ImportStatus.Rejected, 50, 50), (record.Status, record.RowErrors, report!.TotalErrors));
        Assert.Equal([(2L, "amount", "bad0"), (3L, "amount", "bad1")], report.Errors.Select(error => (error.Row, error.Column, error.Value)));
        Assert.All(report.Errors, error => Assert.DoesNotContain(error.Value, error.Message, StringComparison.Ordinal));
        Assert.All(report.Errors, error => Assert.Contains("'{value}'", error.Message, StringComparison.Ordinal));
        Assert.StartsWith("'bad1'", ReportedRowErrors.Expand(report.Errors[1]), StringComparison.Ordinal);
        var rest = Assert.Single(report.ErrorCounts);
        Assert.Equal(("amount", report.Errors[0].Message, 48, 4L, "bad2"), (rest.Column, rest.Message, rest.Count, rest.FirstRow, rest.Example));
    }

    [Fact]
    public void Cap_MoreDistinctMessagesThanListed_ExtraMessagesAreCountedUnderTheirColumn()
    {
        Ingestion.RowError[] errors =
        [
            new(2, "amount", "x", "'x' is not a number."),
            new(3, "currency", "EURO", "'EURO' is not an ISO 4217 code."),
            new(4, "amount", "y", "'y' is not a number."),
            new(5, "service_start", "2025-13-01", "'2025-13-01' is not a yyyy-MM-dd date."),
            new(6, "service_end", "", "Missing."),
        ];

        var (listed, counts) = ReportedRowErrors.Cap(errors, 1);

        Assert.Equal(["'{value}' is not a number."], listed.Select(error => error.Message));
        Assert.Equal(
            [("currency", "'{value}' is not an ISO 4217 code.", 1), ("amount", ReportedRowErrors.OtherMessages, 1),
                ("service_start", ReportedRowErrors.OtherMessages, 1), ("service_end", ReportedRowErrors.OtherMessages, 1)],
            counts.Select(count => (count.Column, count.Message, count.Count)));
    }

    private static string BadAmounts(int rows)
    {
        var text = new StringBuilder("customer_id,amount,currency,service_start,service_end\n");
        for (var row = 0; row < rows; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"C{row},bad{row},EUR,2025-01-01,2025-02-01\n");
        }

        return text.ToString();
    }

    public void Dispose() => _pipeline.Dispose();
}
