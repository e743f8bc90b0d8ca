using Pipeline.Application.Clv;
using Pipeline.Application.Clv.Estimation;
using Pipeline.Domain;
using Pipeline.Domain.Clv;
using Pipeline.Testing;

namespace Pipeline.Storage.Tests;

/// <summary>The CLV fits of close versions in the <c>CloseFigures</c> table: exact round trip per version and grouping, written once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableClvFitStoreTests(AzuriteInstance azurite) : IAsyncLifetime
{
    private static readonly BillingMonth June = new(2025, 6);
    private TableClvFitStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        _store = new TableClvFitStore(storage.Tables, storage.Wrapped, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteAsync_GroupsOfTwoVersions_ReadBackExactly_ASecondWriteOfAVersionKeepsTheFirst()
    {
        var fitted = new RetentionFit(new ShiftedBetaGeometric(0.70407712345678901, 1.1820431234567891), -1234.5678901234, 1000, 400, 7, null);
        var unfitted = new RetentionFit(null, null, 2, 0, 1, "Only 1 renewal opportunity observed.");
        // Segments in their report order (ordinal), with characters a key must escape and one longer than a key keeps whole.
        var longPlan = new string('p', 300);
        ClvGroup[] groups =
        [
            new("plan", "a/b#c?", 1, fitted, 600, 12_345.678901234567m, 20.576131502057612m, 296.44m, 100m / 3m, 0.10m),
            new("plan", "a/b#c?", 12, unfitted, 2, null, null, null, null, 0.10m),
            new("plan", longPlan, 1, fitted, 1, 1m / 7m, 1m / 7m, 2m, null, 0.10m),
        ];
        var report = new ClvReport(June, Samples.Eur, groups) { CloseVersion = 1 };

        await _store.WriteAsync(Samples.Tenant, "plan", report, CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, "plan", report with { Groups = [groups[1]] }, CancellationToken.None);
        await _store.WriteAsync(Samples.Tenant, "plan", report with { Groups = [groups[2]], CloseVersion = 2 }, CancellationToken.None);

        var first = await _store.FindAsync(Samples.Tenant, June, 1, "plan", CancellationToken.None);
        var second = await _store.FindAsync(Samples.Tenant, June, 2, "plan", CancellationToken.None);

        Assert.Equal((June, Samples.Eur, 1), (first!.AsOf, first.Currency, first.CloseVersion));
        Assert.Equal(groups, first.Groups);
        Assert.Equal(groups[2], Assert.Single(second!.Groups));
        Assert.Equal(2, second.CloseVersion);
        Assert.Null(await _store.FindAsync(Samples.Tenant, June, 1, null, CancellationToken.None));
        Assert.Null(await _store.FindAsync(Samples.Tenant, June, 3, "plan", CancellationToken.None));
        Assert.Null(await _store.FindAsync(Samples.Tenant, June, 1, "planet", CancellationToken.None));
        Assert.Null(await _store.FindForecastAsync(Samples.Tenant, June, 1, "plan", CancellationToken.None));
    }

    [Fact]
    public async Task WriteForecastAsync_MonthsAndNotes_ReadBackExactly()
    {
        ClvForecastMonth[] months =
        [
            new(new BillingMonth(2025, 7), 1, 3.2109876543210987, 256.8790123456789m, 256.8790123456789m),
            new(new BillingMonth(2025, 8), 2, 2.9876543210987654, 239.0123456789012m, 237.1234567890123m),
        ];
        var forecast = new ClvForecast(June, Samples.Eur, 0.10m,
        [
            new ClvGroupForecast("all", "all", 1, 4, null, months),
            new ClvGroupForecast("all", "all", 3, 2, "Only 1 renewal opportunity observed.", []),
        ])
        {
            CloseVersion = 3,
        };

        await _store.WriteForecastAsync(Samples.Tenant, null, forecast, CancellationToken.None);
        var read = await _store.FindForecastAsync(Samples.Tenant, June, 3, null, CancellationToken.None);

        Assert.Equal((June, Samples.Eur, 0.10m, 3), (read!.AsOf, read.Currency, read.DiscountRate, read.CloseVersion));
        Assert.Equal(2, read.Groups.Count);
        Assert.Equal(months, read.Groups[0].Months);
        Assert.Equal(("all", "all", 1, 4, (string?)null), (read.Groups[0].Dimension, read.Groups[0].Segment, read.Groups[0].PeriodMonths, read.Groups[0].ActiveCustomers, read.Groups[0].Note));
        Assert.Equal((3, "Only 1 renewal opportunity observed."), (read.Groups[1].PeriodMonths, read.Groups[1].Note));
        Assert.Empty(read.Groups[1].Months);
        Assert.Null(await _store.FindAsync(Samples.Tenant, June, 3, null, CancellationToken.None));
    }
}
