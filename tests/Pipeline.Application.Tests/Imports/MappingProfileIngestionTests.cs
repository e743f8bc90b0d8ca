using Pipeline.Application.Imports;
using Pipeline.Domain;
using Pipeline.Ingestion;

namespace Pipeline.Application.Tests.Imports;

/// <summary>Mapping profiles dropped as <c>{tenant}/_profiles/{name}.json</c>, and the register files they unlock.</summary>
public sealed class MappingProfileIngestionTests : IDisposable
{
    private const string Rates = "date,base,quote,rate\n2025-01-31,USD,EUR,0.80\n2025-02-28,USD,EUR,0.80\n2025-03-31,USD,EUR,0.80\n2025-04-30,USD,EUR,0.80\n";

    private static readonly TenantId Acme = TenantId.Parse("acme");
    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 5, 10, 9, 0, 0, TimeSpan.Zero));

    private ExportIngestionService Ingestion => _pipeline.Get<ExportIngestionService>();

    [Fact]
    public async Task IngestAsync_RegisterBeforeItsProfile_NeedsMappingThenAcceptedWithTheRightMrr()
    {
        await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/rates.csv", Rates), CancellationToken.None);
        var register = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/register.csv", Fixture("register-utf8-bom.csv")), CancellationToken.None);
        Assert.Equal((ImportStatus.Rejected, RefusalCodes.NeedsMapping), (register.Status, register.ReasonCode));

        var profile = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/_profiles/register.json", Fixture("register.json")), CancellationToken.None);

        Assert.Equal((ImportStatus.Accepted, MappingProfileLoader.FormatName, (string?)null), (profile.Status, profile.Format, profile.Reason));
        var reread = await _pipeline.Imports.FindAsync(Acme, register.ImportId, CancellationToken.None);
        Assert.Equal((ImportStatus.Accepted, "profile:register", 16, 0, 2), (reread!.Status, reread.Format, reread.Rows, reread.RowErrors, reread.Attempts));
        Assert.Equal((new BillingMonth(2025, 1), new BillingMonth(2025, 4)), (reread.FirstMonth!.Value, reread.LastMonth!.Value));
        Assert.Equal(16, (await _pipeline.Ledger.ReadAsync(Acme, register.ImportId, CancellationToken.None))!.Lines.Count);
        Assert.Equal(2, _pipeline.Ledger.Writes);
        var months = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal([287.00m, 335.00m, 385.00m, 309.00m], months.Take(4).Select(row => row.Kpis.Mrr).ToArray());
    }

    [Fact]
    public async Task IngestAsync_ProfileFirst_RegisterAcceptedStraightAway()
    {
        await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/_profiles/register.json", Fixture("register.json")), CancellationToken.None);

        var register = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/register.csv", Fixture("register-preamble-totals.csv")), CancellationToken.None);

        Assert.Equal((ImportStatus.Accepted, "profile:register", 1), (register.Status, register.Format, register.Attempts));
        var report = await _pipeline.Reports.ReadAsync(Acme, register.ImportId, CancellationToken.None);
        Assert.Equal("mapping profile 'register': header has Factuurnummer, Klantnummer, Bedrag excl. btw, Periode van", report!.FormatEvidence);
    }

    [Fact]
    public async Task IngestAsync_BadProfile_RejectedWithEveryProblemAndItsPath()
    {
        const string Json = """{ "columns": { "klant": "Klantnummer", "amount": "Bedrag" }, "currency": "EUR", "dateFormat": "dd-MM" }""";

        var record = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/_profiles/broken.json", Json), CancellationToken.None);

        Assert.Equal((ImportStatus.Rejected, RefusalCodes.BadProfile, MappingProfileLoader.FormatName), (record.Status, record.ReasonCode, record.Format));
        Assert.StartsWith("The mapping profile 'broken' has 4 problem(s), so it is not used: $.columns.klant: unknown canonical field", record.Reason, StringComparison.Ordinal);
        var report = await _pipeline.Reports.ReadAsync(Acme, record.ImportId, CancellationToken.None);
        Assert.Equal(["$.columns.klant", "$.dateFormat", "$.columns.customer_id", "$.columns.service_start"], report!.Errors.Select(error => error.Column).ToArray());
        Assert.Equal(0, _pipeline.Ledger.Writes);
        Assert.Empty(await _pipeline.Get<MappingProfileLoader>().LoadAsync(Acme, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_BadProfile_LeavesNeedsMappingFilesParked()
    {
        var register = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/register.csv", Fixture("register-utf8-bom.csv")), CancellationToken.None);

        await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/_profiles/broken.json", "{ \"columns\": "), CancellationToken.None);

        var reread = await _pipeline.Imports.FindAsync(Acme, register.ImportId, CancellationToken.None);
        Assert.Equal((ImportStatus.Rejected, RefusalCodes.NeedsMapping, 1), (reread!.Status, reread.ReasonCode, reread.Attempts));
    }

    [Fact]
    public async Task IngestAsync_OtherFileInTheProfileFolder_RejectedAsBadLocation()
    {
        var record = await Ingestion.IngestAsync(_pipeline.Inbox.Put("acme/_profiles/notes.txt", "to do"), CancellationToken.None);

        Assert.Equal((ImportStatus.Rejected, RefusalCodes.BadLocation), (record.Status, record.ReasonCode));
        Assert.StartsWith("The _profiles folder holds only mapping profiles", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_OnlyTheTenantsValidProfiles()
    {
        _pipeline.Inbox.Put("acme/_profiles/register.json", Fixture("register.json"));
        _pipeline.Inbox.Put("acme/_profiles/broken.json", "{}");
        _pipeline.Inbox.Put("globex/_profiles/other.json", Fixture("register.json"));
        _pipeline.Inbox.Put("acme/register.json", Fixture("register.json"));

        var profiles = await _pipeline.Get<MappingProfileLoader>().LoadAsync(Acme, CancellationToken.None);

        Assert.Equal(["register"], profiles.Select(profile => profile.Name).ToArray());
    }

    public void Dispose() => _pipeline.Dispose();

    private static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports", "register", file));
}
