using Pipeline.Application.Clv;
using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Domain.Clv;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// <see cref="PurchaseQueryService"/> (issue 12, item 4): the CDNOW transaction log dropped as a canonical revenue-lines
/// file reproduces the published BG/NBD and Gamma-Gamma estimates; a hand-made ledger shows the purchase rule and the notes.
/// </summary>
public sealed class PurchaseQueryServiceTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly DateOnly CalibrationEnd = new(1997, 9, 30);

    private readonly PipelineHarness _pipeline = new(
        new DateTimeOffset(1998, 7, 10, 9, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Pipeline:ReportingCurrency"] = "USD" });

    [Fact]
    public async Task ComputeAsync_CdnowLogInWeeksToSeptember30_ReproducesThePublishedEstimates()
    {
        await IngestAsync("acme/cdnow.csv", CdnowLedger.RevenueLines());

        var report = await Service.ComputeAsync(Acme, CalibrationEnd, PurchaseTimeUnit.Week, dimension: null, CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal((CalibrationEnd, PurchaseTimeUnit.Week, "USD"), (report.CalibrationEnd, report.Unit, report.Currency.ToString()));
        var all = Assert.Single(report.Groups);
        Assert.Equal(("all", "all", 2357, 946), (all.Dimension, all.Segment, all.Purchases.Customers, all.Purchases.RepeatBuyers));
        var purchases = all.Purchases.Model!;
        Assert.Equal(0.243, purchases.R, 0.0005);
        Assert.Equal(4.414, purchases.Alpha, 0.0005);
        Assert.Equal(0.793, purchases.A, 0.0005);
        Assert.Equal(2.426, purchases.B, 0.0005);
        Assert.Equal(-9582.4, all.Purchases.LogLikelihood!.Value, 0.05);
        var spend = all.Spend.Model!;
        Assert.Equal(946, all.Spend.RepeatBuyers);
        Assert.Equal(6.25, spend.P, 0.005);
        Assert.Equal(3.74, spend.Q, 0.005);
        Assert.Equal(15.44, spend.Gamma, 0.005);
        Assert.Equal((null, null), (all.Purchases.Note, all.Spend.Note));
    }

    [Fact]
    public async Task ComputeAsync_CdnowByCohort_OneGroupPerMonthOfFirstPurchase()
    {
        await IngestAsync("acme/cdnow.csv", CdnowLedger.RevenueLines());

        var report = await Service.ComputeAsync(Acme, CalibrationEnd, PurchaseTimeUnit.Week, "cohort", CancellationToken.None);

        // The sample is the customers who first bought in the first quarter of 1997.
        Assert.Equal(["1997-01", "1997-02", "1997-03"], report!.Groups.Select(group => group.Segment).ToArray());
        Assert.Equal(2357, report.Groups.Sum(group => group.Purchases.Customers));
        Assert.All(report.Groups, group => Assert.NotNull(group.Purchases.Model));
    }

    [Fact]
    public async Task ComputeAsync_HandMadeLedger_PurchaseDaysAndValuesAsByHand_NotesWhereNothingFits()
    {
        // b1 buys on 2 January (two lines, 10 + 5) and 9 January (20 − 4 discount); a void line and a recurring line do
        // not count; b2 buys once; everything after 14 January is outside calibration.
        await IngestAsync("acme/lines.csv",
            "line_id,customer_id,amount,discount,currency,service_start,service_end,line_type,status,interval,interval_count\n" +
            "1,b1,10.00,,USD,1997-01-02,1997-01-03,one_time,paid,,\n" +
            "2,b1,5.00,,USD,1997-01-02,1997-01-03,usage,paid,,\n" +
            "3,b1,20.00,4.00,USD,1997-01-09,1997-01-10,one_time,open,,\n" +
            "4,b1,99.00,,USD,1997-01-05,1997-01-06,one_time,void,,\n" +
            "5,b1,50.00,,USD,1997-01-01,1997-02-01,recurring,paid,month,1\n" +
            "6,b2,7.00,,USD,1997-01-03,1997-01-04,one_time,paid,,\n" +
            "7,b2,7.00,,USD,1997-01-20,1997-01-21,one_time,paid,,\n");

        var report = await Service.ComputeAsync(Acme, new DateOnly(1997, 1, 14), PurchaseTimeUnit.Day, dimension: null, CancellationToken.None);

        var all = Assert.Single(report!.Groups);
        Assert.Equal(
            [new PurchaseSummary("b1", 1, 7, 12, 16.00m), new PurchaseSummary("b2", 0, 0, 11, null)],
            all.Members);
        // One repeat buyer: BG/NBD runs off to a boundary or fits; Gamma-Gamma needs two repeat buyers.
        Assert.Equal("1 repeat buyer with a positive spend: the spend model needs at least 2.", all.Spend.Note);
        Assert.Null(all.Spend.Model);
    }

    [Fact]
    public async Task ComputeAsync_NobodyBoughtAgain_NoteInsteadOfAFit()
    {
        await IngestAsync("acme/lines.csv",
            "line_id,customer_id,amount,currency,service_start,service_end,line_type\n" +
            "1,b1,10.00,USD,1997-01-02,1997-01-03,one_time\n2,b2,10.00,USD,1997-01-03,1997-01-04,one_time\n");

        var report = await Service.ComputeAsync(Acme, CalibrationEnd, PurchaseTimeUnit.Week, dimension: null, CancellationToken.None);

        var all = Assert.Single(report!.Groups);
        Assert.Equal((2, 0, null, null), (all.Purchases.Customers, all.Purchases.RepeatBuyers, all.Purchases.Model, all.Purchases.LogLikelihood));
        Assert.StartsWith("No customer bought again", all.Purchases.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputeAsync_UnknownTenant_Null_UnknownDimension_Refused()
    {
        Assert.Null(await Service.ComputeAsync(TenantId.Parse("nobody"), CalibrationEnd, PurchaseTimeUnit.Week, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.ComputeAsync(Acme, CalibrationEnd, PurchaseTimeUnit.Week, "tier", CancellationToken.None));
    }

    [Fact]
    public void DefaultCalibrationEnd_TheLastDayOfTheLatestEndedMonth_HasEnded_OnlyDaysBeforeToday()
    {
        Assert.Equal(new DateOnly(1998, 6, 30), Service.DefaultCalibrationEnd(Acme));
        Assert.True(Service.HasEnded(Acme, new DateOnly(1998, 7, 9)));
        Assert.False(Service.HasEnded(Acme, new DateOnly(1998, 7, 10)));
    }

    public void Dispose() => _pipeline.Dispose();

    private PurchaseQueryService Service => _pipeline.Get<PurchaseQueryService>();

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal((ImportStatus.Accepted, 0), (record.Status, record.RowErrors));
    }
}
