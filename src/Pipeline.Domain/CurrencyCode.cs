using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Domain;

/// <summary>An ISO 4217 currency code with its number of minor-unit digits.</summary>
/// <remarks>
/// Only codes in the table below are accepted, so a typo ("EURO", "US$") is caught at ingest instead of
/// becoming a currency of its own. Codes are upper case; parsing accepts any case ("usd" from Stripe).
/// </remarks>
public readonly record struct CurrencyCode
{
    private static readonly FrozenDictionary<string, int> MinorUnitDigits = BuildTable();

    private CurrencyCode(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>The upper-case ISO 4217 alphabetic code.</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point in the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD.</summary>
    public int MinorUnits { get; }

    public static CurrencyCode Parse(string value) =>
        TryParse(value, out var code)
            ? code
            : throw new FormatException($"'{value}' is not an ISO 4217 currency code.");

    public static bool TryParse([NotNullWhen(true)] string? value, out CurrencyCode code)
    {
        code = default;
        var trimmed = value?.Trim().ToUpperInvariant();
        if (trimmed is null || !MinorUnitDigits.TryGetValue(trimmed, out var digits))
        {
            return false;
        }

        code = new CurrencyCode(trimmed, digits);
        return true;
    }

    /// <summary>Rounds an amount to this currency's minor unit, half away from zero, keeping trailing zeros.</summary>
    public decimal Round(decimal amount) =>
        decimal.Round(amount, MinorUnits, MidpointRounding.AwayFromZero) + ZeroWithScale(MinorUnits);

    public override string ToString() => Code ?? string.Empty;

    private static decimal ZeroWithScale(int digits) => new(0, 0, 0, false, (byte)digits);

    private static FrozenDictionary<string, int> BuildTable()
    {
        const string ZeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        const string ThreeDigits = "BHD IQD JOD KWD LYD OMR TND";
        const string FourDigits = "CLF UYW";
        const string TwoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF " +
            "CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL " +
            "HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP " +
            "MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD " +
            "SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UZS VES " +
            "WST XCD YER ZAR ZMW ZWG";
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (codes, digits) in new[] { (ZeroDigits, 0), (TwoDigits, 2), (ThreeDigits, 3), (FourDigits, 4) })
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table[code] = digits;
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
