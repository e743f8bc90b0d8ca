namespace Pipeline.Application.Tests;

/// <summary>A EUR tenant with a USD customer, exchange rates, customers and spend, with figures worked out by hand.</summary>
/// <remarks>
/// USD→EUR at month end: Jan 0.8, Feb 1.0, Mar 0.8 (EUR/USD 1.25, 1.00, 1.25), April reuses March's rate.
/// A pays 100 EUR/mo Jan–Mar. U pays 100 USD/mo Jan–Feb on plan basic and 150 USD in March on plan pro.
/// MRR: Jan 100 + 80 = 180 (New 180); Feb 100 + 100 = 200 (FX +20 only); Mar: U's start restated 100 × 0.8 = 80, end
/// 150 × 0.8 = 120 → Expansion 40, FX −20, MRR 220; Apr: both churn (220).
/// Spend in January: 600 EUR google_ads + 125 USD linkedin_ads (= 100 EUR) = 700, all paid media. New customers 2
/// (A via google_ads, U organic): CAC 350, paid CAC 700 (one paid new customer), google_ads CAC 600.
/// </remarks>
public static class MultiCurrencyExports
{
    public const string RevenueLines =
        """
        line_id,customer_id,subscription_id,plan,amount,currency,interval,service_start,service_end
        a1,A,sub_a,basic,100.00,EUR,month,2025-01-01,2025-02-01
        a2,A,sub_a,basic,100.00,EUR,month,2025-02-01,2025-03-01
        a3,A,sub_a,basic,100.00,EUR,month,2025-03-01,2025-04-01
        u1,U,sub_u,basic,100.00,USD,month,2025-01-01,2025-02-01
        u2,U,sub_u,basic,100.00,USD,month,2025-02-01,2025-03-01
        u3,U,sub_u,pro,150.00,USD,month,2025-03-01,2025-04-01

        """;

    public const string Rates =
        """
        date,base,quote,rate
        2025-01-31,EUR,USD,1.25
        2025-02-28,EUR,USD,1.00
        2025-03-31,EUR,USD,1.25

        """;

    public const string Customers =
        """
        customer_id,name,country,channel
        A,Alpha B.V.,NL,google_ads
        U,Umbrella Inc.,US,organic

        """;

    public const string Spend =
        """
        month,channel,amount,currency
        2025-01,google_ads,600.00,EUR
        2025-01,linkedin_ads,125.00,USD

        """;

    /// <summary>A GBP customer from February, with no GBP rate anywhere.</summary>
    public const string GbpRevenueLines =
        """
        line_id,customer_id,subscription_id,amount,currency,interval,service_start,service_end
        g1,G,sub_g,50.00,GBP,month,2025-02-01,2025-03-01

        """;
}
