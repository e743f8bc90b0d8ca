using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Hardening;

/// <summary>Hardening item 5: KPI rows computed with an import that ends Failed are never left behind for readers.</summary>
public sealed class FailedImportFiguresTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth March = new(2025, 3);

    /// <summary>Customer Z, 500 a month from January to March: with it, March has three customers instead of two.</summary>
    private const string CustomerZ =
        """
        line_id,customer_id,subscription_id,amount,currency,interval,service_start,service_end
        z1,Z,sub_z,500.00,EUR,month,2025-01-01,2025-02-01
        z2,Z,sub_z,500.00,EUR,month,2025-02-01,2025-03-01
        z3,Z,sub_z,500.00,EUR,month,2025-03-01,2025-04-01

        """;

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 8, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sweep_RefreshFailsHalfWayOnEveryAttempt_ImportFailedAndTheRowsAreThoseWithoutIt()
    {
        _pipeline.Inbox.Put("acme/revenue.csv", SampleExports.RevenueLines);
        Assert.Equal(1, await _pipeline.Get<ExportSweepService>().SweepAsync(CancellationToken.None));
        var before = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);

        // Storage fails writing March's row whenever it includes Z: January and February are written with Z first.
        _pipeline.Snapshots.FailProvisionalWrite = row => row.Kpis.Month == March && row.Kpis.Customers == 3;
        _pipeline.Inbox.Put("acme/customer-z.csv", CustomerZ);
        for (var sweep = 0; sweep < 3; sweep++)
        {
            await _pipeline.Get<ExportSweepService>().SweepAsync(CancellationToken.None);
        }

        var failed = _pipeline.Imports.All.Single(record => record.FileName == "customer-z.csv");
        Assert.Equal(ImportStatus.Failed, failed.Status);
        var after = await _pipeline.Snapshots.ListAsync(Acme, null, null, CancellationToken.None);
        Assert.Equal(before.Select(row => (row.Kpis.Month, row.Kpis.Mrr, row.Kpis.Customers)), after.Select(row => (row.Kpis.Month, row.Kpis.Mrr, row.Kpis.Customers)));
        Assert.Equal([230m, 260m, 230m], after.Take(3).Select(row => row.Kpis.Mrr).ToArray());
    }

    public void Dispose() => _pipeline.Dispose();
}
