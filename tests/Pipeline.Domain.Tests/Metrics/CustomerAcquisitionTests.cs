using Pipeline.Domain.Metrics;

namespace Pipeline.Domain.Tests.Metrics;

public sealed class CustomerAcquisitionTests
{
    private static readonly BillingMonth March = new(2025, 3);
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");

    private static readonly Dictionary<string, CustomerRecord> Customers = new(StringComparer.Ordinal)
    {
        ["c1"] = new() { CustomerId = "c1", Channel = "google_ads" },
        ["c2"] = new() { CustomerId = "c2", Channel = "google_ads" },
        ["c3"] = new() { CustomerId = "c3", Channel = "podcast" },
        ["c4"] = new() { CustomerId = "c4", Channel = "organic" },
        ["c5"] = new() { CustomerId = "c5", Channel = null },
        ["c6"] = new() { CustomerId = "c6", Channel = "meta_ads" },
    };

    [Fact]
    public void Of_MixedChannels_SplitsSpendAndNewCustomersPerChannel()
    {
        // USD converts at 0.9 into EUR. google_ads: 1,000 USD → 900 paid, plus 100 EUR paid = 1,000.
        // meta_ads is paid media even though its row says unpaid, so its spend stays out of PaidSpend
        // but its customers are paid new customers. podcast is the tenant's own paid label.
        SpendRecord[] spend =
        [
            Spend("google_ads", 1000m, Usd, paid: true),
            Spend("google_ads", 100m, Eur, paid: true),
            Spend("meta_ads", 500m, Eur, paid: false),
            Spend("podcast", 300m, Eur, paid: true),
            Spend("content", 200m, Eur, paid: false),
            Spend("google_ads", 9999m, Eur, paid: true) with { Month = March.Previous() },
        ];
        string[] newCustomers = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c1"];

        var figures = CustomerAcquisition.Of(March, spend, ToEur, newCustomers, Customers);

        Assert.Equal(2000m, figures.Spend);
        Assert.Equal(1300m, figures.PaidSpend);
        Assert.Equal(7, figures.NewCustomers);
        Assert.Equal(4, figures.PaidNewCustomers);
        ChannelAcquisition[] expected =
        [
            new("content", 200m, IsPaid: false, NewCustomers: 0),
            new("google_ads", 1000m, IsPaid: true, NewCustomers: 2),
            new("meta_ads", 500m, IsPaid: true, NewCustomers: 1),
            new("organic", 0m, IsPaid: false, NewCustomers: 1),
            new("podcast", 300m, IsPaid: true, NewCustomers: 1),
            new(CustomerAcquisition.UnknownChannel, 0m, IsPaid: false, NewCustomers: 2),
        ];
        Assert.Equal(expected, figures.Channels);
    }

    [Fact]
    public void Of_ChannelCac_SpendPerNewCustomerOrNullWithoutOne()
    {
        var figures = CustomerAcquisition.Of(
            March, [Spend("google_ads", 900m, Eur, paid: true), Spend("content", 50m, Eur, paid: false)],
            ToEur, ["c1", "c2", "c4"], Customers);

        Assert.Equal([null, 450m, 0m], figures.Channels.Select(channel => channel.Cac));
    }

    [Fact]
    public void Of_NothingInMonth_ZerosAndNoChannels()
    {
        var figures = CustomerAcquisition.Of(
            March, [Spend("google_ads", 900m, Eur, paid: true) with { Month = March.Next() }], ToEur, [], Customers);

        Assert.Equal((0m, 0m, 0, 0), (figures.Spend, figures.PaidSpend, figures.NewCustomers, figures.PaidNewCustomers));
        Assert.Empty(figures.Channels);
    }

    private static decimal ToEur(SpendRecord row)
    {
        Assert.Equal(March, row.Month);
        return row.Currency == Usd ? row.Amount * 0.9m : row.Amount;
    }

    private static SpendRecord Spend(string channel, decimal amount, CurrencyCode currency, bool paid) =>
        new() { Month = March, Channel = channel, Amount = amount, Currency = currency, Paid = paid };
}
