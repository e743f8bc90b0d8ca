using System.Globalization;
using System.Text;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// The CLV sample ledger: ten monthly subscribers m1 … m10 of plan <c>pro</c> at 100.00 a month from January 2025 —
/// three pay one month, two pay two, one pays four, four pay through June — and two quarterly subscribers q1, q2 of
/// plan <c>basic</c> at 300.00 a quarter from January, both paying through June. m1 … m5 are in NL.
/// </summary>
/// <remarks>At the end of June the monthly cohort's survivors after 0 … 5 renewals are 10, 7, 5, 5, 4, 4.</remarks>
public static class ClvSampleLedger
{
    /// <summary>Months paid by each monthly subscriber m1 … m10 (6 = January through June).</summary>
    private static readonly int[] MonthsPaid = [1, 1, 1, 2, 2, 4, 6, 6, 6, 6];

    /// <summary>The ledger as a canonical revenue-lines file.</summary>
    public static string RevenueLines()
    {
        var text = new StringBuilder("line_id,customer_id,subscription_id,plan,amount,currency,interval,interval_count,service_start,service_end,country\n");
        for (var customer = 1; customer <= MonthsPaid.Length; customer++)
        {
            for (var month = 1; month <= MonthsPaid[customer - 1]; month++)
            {
                text.Append(CultureInfo.InvariantCulture, $"m{customer}-{month},m{customer},sub_m{customer},pro,100.00,EUR,month,1,")
                    .Append(CultureInfo.InvariantCulture, $"2025-{month:00}-01,2025-{month + 1:00}-01,{(customer <= 5 ? "NL" : string.Empty)}\n");
            }
        }

        foreach (var customer in new[] { "q1", "q2" })
        {
            text.Append(CultureInfo.InvariantCulture, $"{customer}-1,{customer},sub_{customer},basic,300.00,EUR,month,3,2025-01-01,2025-04-01,\n")
                .Append(CultureInfo.InvariantCulture, $"{customer}-2,{customer},sub_{customer},basic,300.00,EUR,month,3,2025-04-01,2025-07-01,\n");
        }

        return text.ToString();
    }
}
