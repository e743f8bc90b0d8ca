using System.Globalization;
using System.Text;
using Pipeline.Application.Clv;
using Pipeline.Application.Imports;
using Pipeline.Domain;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// The value-segment fields of the cards of <see cref="CustomerValueQueryService"/> (issue 12, item 5): who referred the
/// customer, how many it referred, and its Pareto tier by MRR at the end of June 2025.
/// </summary>
public sealed class CustomerValueSegmentsTests : IDisposable
{
    private static readonly TenantId Acme = TenantId.Parse("acme");
    private static readonly BillingMonth June = new(2025, 6);

    private readonly PipelineHarness _pipeline = new(new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ListAsync_ReferredByInTheCustomersFile_ReferrerAndCountsOnTheCards()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());
        // x1 has no revenue (no card) but still counts as m7's referral; q1's referrer changes in a later file.
        await IngestAsync("acme/customers.csv", "customer_id,name,referred_by\nm8,Eight,m7\nm9,Nine,m7\nq1,Q One,m9\nx1,Prospect,m7\n");
        _pipeline.Clock.Advance(TimeSpan.FromMinutes(1));
        await IngestAsync("acme/customers-2.csv", "customer_id,referred_by\nq1,m8\nm8,\n");

        var cards = await CardsAsync();

        Assert.Equal((null, 3), (cards["m7"].Attributes?.ReferredBy, cards["m7"].Referrals));
        Assert.Equal(("m7", 1), (cards["m8"].Attributes?.ReferredBy, cards["m8"].Referrals));
        Assert.Equal(("m7", 0), (cards["m9"].Attributes?.ReferredBy, cards["m9"].Referrals));
        Assert.Equal(("m8", 0), (cards["q1"].Attributes?.ReferredBy, cards["q1"].Referrals));
        Assert.Equal(0, cards["m1"].Referrals);
    }

    [Fact]
    public async Task ListAsync_SixCustomersWithMrr_TopTwoAreTop20_NoMrrNoTier()
    {
        // June MRR: a1 20, a2 500, a3 100, a4 300, a5 50, a6 30; a7 paid in May only (MRR 0 in June).
        // N = 6 customers with MRR > 0, ⌈0.2 × 6⌉ = 2: a2 (500) and a4 (300) are top20, the other four rest, a7 none.
        await IngestAsync("acme/revenue.csv", MonthlyLines(("a1", 20m, 6), ("a2", 500m, 6), ("a3", 100m, 6), ("a4", 300m, 6),
            ("a5", 50m, 6), ("a6", 30m, 6), ("a7", 70m, 5)));

        var cards = await CardsAsync();

        Assert.Equal(
            "rest,top20,rest,top20,rest,rest,",
            string.Join(',', new[] { "a1", "a2", "a3", "a4", "a5", "a6", "a7" }.Select(id => cards[id].ValueTier)));
        Assert.Equal(0m, cards["a7"].Mrr);
    }

    [Fact]
    public async Task ListAsync_EqualMrrAtTheCut_LowestCustomerIdsFirst_WhateverTheSegment()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());

        var all = await CardsAsync();
        var basic = await Service.ListAsync(Acme, June, "plan", "basic", "customerId", CancellationToken.None);

        // m7 … m10, q1 and q2 all have MRR 100.00: ⌈0.2 × 6⌉ = 2 places, taken by ordinal id, "m10" before "m7".
        Assert.Equal(["m10", "m7"], all.Values.Where(card => card.ValueTier == "top20").Select(card => card.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(["m8", "m9", "q1", "q2"], all.Values.Where(card => card.ValueTier == "rest").Select(card => card.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(["m1", "m2", "m3", "m4", "m5", "m6"], id => Assert.Null(all[id].ValueTier));
        // The tier is judged over every customer, not within the selected group.
        Assert.Equal("q1 rest,q2 rest", string.Join(',', basic!.Customers.Select(card => $"{card.CustomerId} {card.ValueTier}")));
    }

    [Fact]
    public async Task ListAsync_ByValueTier_GroupsAndFiltersTheCards_FitsStayUngrouped()
    {
        await IngestAsync("acme/revenue.csv", ClvSampleLedger.RevenueLines());

        var all = await CardsAsync();
        var byTier = await Service.ListAsync(Acme, June, CustomerValueQueryService.ByValueTier, null, "customerId", CancellationToken.None);
        var top = await Service.ListAsync(Acme, June, CustomerValueQueryService.ByValueTier, "top20", "customerId", CancellationToken.None);
        var none = await Service.ListAsync(Acme, June, CustomerValueQueryService.ByValueTier, "(none)", "customerId", CancellationToken.None);

        Assert.All(byTier!.Customers, card => Assert.Equal(
            ("valueTier", card.ValueTier ?? "(none)", all[card.CustomerId].ResidualClv), (card.Dimension, card.Segment, card.ResidualClv)));
        Assert.Equal(["m10", "m7"], top!.Customers.Select(card => card.CustomerId).ToArray());
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6"], none!.Customers.Select(card => card.CustomerId).ToArray());
    }

    public void Dispose() => _pipeline.Dispose();

    private CustomerValueQueryService Service => _pipeline.Get<CustomerValueQueryService>();

    private async Task<Dictionary<string, CustomerValue>> CardsAsync()
    {
        var report = await Service.ListAsync(Acme, June, dimension: null, segment: null, "customerId", CancellationToken.None);
        return report!.Customers.ToDictionary(card => card.CustomerId, StringComparer.Ordinal);
    }

    /// <summary>Monthly lines at the given amount from January through <c>lastMonth</c> 2025.</summary>
    private static string MonthlyLines(params (string Customer, decimal Amount, int LastMonth)[] customers)
    {
        var text = new StringBuilder("line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end\n");
        foreach (var (customer, amount, lastMonth) in customers)
        {
            for (var month = 1; month <= lastMonth; month++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{customer}-{month},{customer},sub_{customer},pro,{amount:0.00},EUR,month,1,2025-{month:00}-01,2025-{month + 1:00}-01\n");
            }
        }

        return text.ToString();
    }

    private async Task IngestAsync(string name, string content)
    {
        var record = await _pipeline.Get<ExportIngestionService>().IngestAsync(_pipeline.Inbox.Put(name, content), CancellationToken.None);
        Assert.Equal(ImportStatus.Accepted, record.Status);
    }
}
