using System.Globalization;
using System.Text;

namespace Pipeline.Application.Tests.Clv;

/// <summary>
/// The raw CDNOW 1/10 sample transaction log (<c>tests/Fixtures/clv/CDNOW_sample.txt</c>: 6,919 purchases of 2,357
/// customers, 1997-01-01 … 1998-06-30, in US dollars) as a canonical revenue-lines file of one-time lines, one per
/// transaction, dated by its day (service period that day).
/// </summary>
/// <remarks>
/// Published estimates with calibration end 1997-09-30 and weeks (Fader, Hardie &amp; Lee 2005): BG/NBD r 0.243,
/// α 4.414, a 0.793, b 2.426, LL −9582.4 on 2,357 customers of whom 946 bought again; Gamma-Gamma p 6.25, q 3.74, γ 15.44.
/// </remarks>
public static class CdnowLedger
{
    /// <summary>The log as a canonical revenue-lines file (currency USD).</summary>
    public static string RevenueLines()
    {
        var text = new StringBuilder("line_id,customer_id,amount,currency,service_start,service_end,line_type\n");
        var row = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clv", "CDNOW_sample.txt")))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5)
            {
                continue;
            }

            var day = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"cdnow-{++row},c{fields[1].TrimStart('0')},{fields[4]},USD,")
                .Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{day.AddDays(1):yyyy-MM-dd},one_time\n");
        }

        return text.ToString();
    }
}
