using Pipeline.Application.Closes;
using Pipeline.Application.Imports;
using Pipeline.Application.Kpis;
using Pipeline.Application.Loyalty;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Loyalty;

/// <summary>Survey answers ingested as exports and read back as loyalty rows: corrections, closes, late answers and reopens.</summary>
/// <remarks>A and B pay 100 a month from January to April 2025; January answers A 10, B 0 (NPS 0).</remarks>
public sealed class LoyaltyQueryServiceTests : IDisposable
{
    private const string Revenue =
        """
        line_id,customer_id,amount,currency,interval,service_start,service_end
        a1,A,100.00,EUR,month,2025-01-01,2025-02-01
        a2,A,100.00,EUR,month,2025-02-01,2025-03-01
        a3,A,100.00,EUR,month,2025-03-01,2025-04-01
        a4,A,100.00,EUR,month,2025-04-01,2025-05-01
        b1,B,100.00,EUR,month,2025-01-01,2025-02-01
        b2,B,100.00,EUR,month,2025-02-01,2025-03-01
        b3,B,100.00,EUR,month,2025-03-01,2025-04-01
        b4,B,100.00,EUR,month,2025-04-01,2025-05-01

        """;

    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth January = new(2025, 1);
    private static readonly BillingMonth February = new(2025, 2);

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 5, 10, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _pipeline.Dispose();

    [Fact]
    public async Task ListAsync_CorrectedSurveyFile_SameKeyReplacedNewestFileWins()
    {
        await IngestAsync("revenue.csv", Revenue);
        await IngestAsync("survey.csv", "customer_id,responded_at,score,survey\nA,2025-01-20,10,q1\nB,2025-01-20,0,q1\n");
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));
        var corrected = await IngestAsync("survey-corrected.csv", "customer_id,responded_at,score,survey\nB,2025-01-20,9,q1\n");

        var january = await RowAsync(January);

        Assert.Equal((2, 2, 0, 100m), (january.Responses, january.Promoters, january.Detractors, january.Nps));
        var stored = Assert.Single((await _pipeline.Ledger.ReadAsync(Acme, corrected.ImportId, CancellationToken.None))!.Responses);
        Assert.Equal(corrected.CompletedAt, stored.ImportedAt);
    }

    [Fact]
    public async Task ListAsync_AnswerArrivesAfterTheClose_LockedMonthUnchangedUntilReopenedAndClosedAgain()
    {
        await IngestAsync("revenue.csv", Revenue);
        await IngestAsync("survey.csv", "customer_id,responded_at,score\nA,2025-01-20,10\nB,2025-01-20,0\n");
        await CloseAsync(February);
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        await IngestAsync("late.csv", "customer_id,responded_at,score\nB,2025-01-25,10\n");

        var locked = await RowAsync(January);
        var march = await RowAsync(new BillingMonth(2025, 3));
        Assert.Equal((KpiStatus.Closed, 1, 0m, 0), (locked.Status, locked.Version, locked.Nps, locked.LateResponses));
        Assert.Equal((KpiStatus.Provisional, 1, 1, 100m), (march.Status, march.Responses, march.LateResponses, march.Nps));

        var reopened = await _pipeline.Get<MonthCloseService>().ReopenAsync(Acme, January, "late survey answers", "controller", CancellationToken.None);
        Assert.Equal(CloseOutcomeKind.Reopened, reopened.Kind);
        _pipeline.Clock.Advance(TimeSpan.FromHours(1));
        await CloseAsync(February);

        var version2 = await RowAsync(January);
        Assert.Equal((KpiStatus.Closed, 2, 100m), (version2.Status, version2.Version, version2.Nps));
        Assert.Equal(0, (await RowAsync(new BillingMonth(2025, 3))).LateResponses);
        var service = _pipeline.Get<LoyaltyQueryService>();
        var version1 = Assert.Single((await service.FindVersionAsync(Acme, January, 1, null, CancellationToken.None))!.Months);
        Assert.Equal((KpiStatus.Closed, 1, 0m), (version1.Status, version1.Version, version1.Figures.Nps));
        Assert.Equal(100m, Assert.Single((await service.FindVersionAsync(Acme, January, 2, null, CancellationToken.None))!.Months).Figures.Nps);
        Assert.Null(await service.FindVersionAsync(Acme, January, 3, null, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_SurveyToolExportBeforeItsProfile_ParkedThenReadThroughTheProfile()
    {
        const string Forms = "\"Tijdstempel\",\"Klantnummer\",\"Hoe waarschijnlijk beveelt u ons aan?\",\"Opnieuw deze leverancier?\"\n"
            + "\"20-1-2025 10:22:31\",\"A\",\"10\",\"Ja\"\n\"21-1-2025 08:05:00\",\"B\",\"3\",\"Misschien\"\n";
        const string Profile = """
            { "columns": { "responded_at": "Tijdstempel", "customer_id": "Klantnummer", "score": "Hoe waarschijnlijk beveelt u ons aan?",
                           "same_provider": "Opnieuw deze leverancier?" },
              "dateFormat": "d-M-yyyy H:mm:ss", "survey": "nps-2025-q1", "answers": { "Misschien": "unsure" } }
            """;
        await IngestAsync("revenue.csv", Revenue);
        var ingestion = _pipeline.Get<ExportIngestionService>();
        var forms = await ingestion.IngestAsync(_pipeline.Inbox.Put("acme/forms.csv", Forms), CancellationToken.None);
        Assert.Equal((ImportStatus.Rejected, "needs-mapping"), (forms.Status, forms.ReasonCode));

        await IngestAsync("_profiles/nps-forms.json", Profile);

        var reread = await _pipeline.Imports.FindAsync(Acme, forms.ImportId, CancellationToken.None);
        Assert.Equal((ImportStatus.Accepted, "profile:nps-forms"), (reread!.Status, reread.Format));
        var january = await RowAsync(January);
        Assert.Equal((2, 1, 1, 0m), (january.Responses, january.Promoters, january.Detractors, january.Nps));
    }

    [Fact]
    public async Task ListAsync_UnknownTenant_IsNull() =>
        Assert.Null(await _pipeline.Get<LoyaltyQueryService>().ListAsync(TenantId.Parse("nobody"), null, null, null, CancellationToken.None));

    private async Task<ImportRecord> IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put($"acme/{name}", content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
        return record;
    }

    private async Task CloseAsync(BillingMonth through)
    {
        var outcome = await _pipeline.Get<MonthCloseService>().CloseThroughAsync(Acme, through, "controller", CancellationToken.None);
        Assert.Equal(CloseOutcomeKind.Closed, outcome.Kind);
    }

    private async Task<LoyaltyRowOf> RowAsync(BillingMonth month)
    {
        var report = await _pipeline.Get<LoyaltyQueryService>().ListAsync(Acme, month, month, null, CancellationToken.None);
        var row = Assert.Single(report!.Months);
        return new LoyaltyRowOf(row.Status, row.Version, row.Figures.Responses, row.Figures.Promoters, row.Figures.Detractors, row.Figures.Nps, row.Figures.LateResponses);
    }

    private sealed record LoyaltyRowOf(KpiStatus Status, int Version, int Responses, int Promoters, int Detractors, decimal? Nps, int LateResponses);
}
