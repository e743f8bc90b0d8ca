using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion.Tests.Profiles;

public sealed class MappingProfileFormatTests
{
    private const string Register = """
        Factuur;Datum;Klant;Omschrijving;Soort;Bedrag;Van;Tot en met
        F1;02-01-2025;K1;Licentie per maand;Abonnement;€ 59,29;01-01-2025;31-01-2025
        F1;02-01-2025;K1;Installatie;;€ 100,00;;
        F2;02-01-2025;K2;Licentie per kwartaal;;€ 1.234,56;01-01-2025;
        """;

    private static readonly MappingProfile Dutch = Profile("""
        {
          "columns": { "invoice_id": "Factuur", "customer_id": "Klant", "description": "Omschrijving", "line_type": "Soort",
                       "amount": "Bedrag", "service_start": "Van", "service_end": "Tot en met", "issued_at": "Datum" },
          "currency": "EUR", "dateFormat": "dd-MM-yyyy", "decimalSeparator": ",", "serviceEndInclusive": true,
          "lineTypes": { "Abonnement": "recurring" }, "intervalKeywords": { "maand": "1 month", "kwartaal": "quarter" },
          "oneTimeKeywords": ["installatie"]
        }
        """, "nl");

    [Fact]
    public async Task ParseAsync_NoProfile_RefusedAsNeedsMapping()
    {
        var result = await Parse.TextAsync(Register);

        Assert.Equal((RefusalCodes.NeedsMapping, (string?)null), (result.ReasonCode, result.Format));
    }

    [Fact]
    public async Task ParseAsync_Profile_ReadsKeywordsKeysAndPeriods()
    {
        var result = await Parse.TextAsync(Register, Parse.AmsterdamOptions with { Profiles = [Dutch] });

        Assert.Empty(result.Errors);
        Assert.Equal(("profile:nl", "mapping profile 'nl': header has Factuur, Klant, Omschrijving, Soort, Bedrag, Van, Tot en met, Datum"), (result.Format, result.FormatEvidence));
        Assert.Equal(["F1#1", "F1#2", "F2#1"], result.Lines.Select(line => line.LineKey).ToArray());
        var (monthly, setup, quarterly) = (result.Lines[0], result.Lines[1], result.Lines[2]);
        Assert.Equal((59.29m, BillingInterval.Monthly, Local(2025, 2, 1)), (monthly.Amount, monthly.Interval!.Value, monthly.ServiceEnd!.Value));
        Assert.Equal((LineType.OneTime, 100.00m, Local(2025, 1, 2)), (setup.LineType, setup.Amount, setup.ServiceStart));
        Assert.Equal((LineType.Recurring, 1234.56m, new BillingInterval(IntervalUnit.Month, 3)), (quarterly.LineType, quarterly.Amount, quarterly.Interval!.Value));
        Assert.Equal(Local(2025, 4, 1), quarterly.ServiceEnd);
    }

    [Fact]
    public async Task ParseAsync_BadValues_RowErrorsNameRowColumnValueAndExpectation()
    {
        const string csv = """
            Factuur;Datum;Klant;Omschrijving;Soort;Bedrag;Van;Tot en met
            F1;02-01-2025;K1;Licentie per maand;Abonnement;€ 59.29;01-01-2025;31-01-2025
            F2;02-01-2025;K1;Licentie per maand;Abonnement;€ 59,29;2025-01-01;31-01-2025
            F3;02-01-2025;K1;Licentie per maand;Contract;€ 59,29;01-01-2025;31-01-2025
            F4;02-01-2025;K1;Licentie;Abonnement;€ 59,29;01-01-2025;10-01-2025
            F5;02-01-2025;K2;Licentie per maand;Abonnement;€ 10,00;01-01-2025;31-01-2025
            """;

        var result = await Parse.TextAsync(csv, Parse.AmsterdamOptions with { Profiles = [Dutch], MaxBadRowFraction = 1m });

        Assert.Equal(
        [
            (2L, "Bedrag", "€ 59.29", "'€ 59.29' uses a decimal point, but the profile's decimalSeparator is \",\"."),
            (3L, "Van", "2025-01-01", "'2025-01-01' is not a date: expected a date as dd-MM-yyyy (the profile's dateFormat), for example 31-01-2025."),
        ], result.Errors.Take(2).Select(error => (error.Row, error.Column, error.Value, error.Message)).ToArray());
        Assert.Equal((4L, "Soort", "Contract"), (result.Errors[2].Row, result.Errors[2].Column, result.Errors[2].Value));
        Assert.StartsWith("'Contract' is not a line type: expected Abonnement (the profile's words) or recurring", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal((5L, "Tot en met"), (result.Errors[3].Row, result.Errors[3].Column));
        Assert.StartsWith("cannot infer the billing interval", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Equal(["F5#1"], result.Lines.Select(line => line.LineKey).ToArray());
    }

    [Fact]
    public async Task ParseAsync_MinorUnitsUnitPriceTimesQuantity_DividedByTheCurrencysDigits()
    {
        var profile = Profile("""
            { "columns": { "line_id": "Line", "customer_id": "Customer", "unit_price": "Unit price (cents)", "quantity": "Qty",
                           "currency": "Currency", "service_start": "From", "service_end": "To" },
              "amountUnit": "minor" }
            """, "cents");
        const string csv = """
            Line,Customer,Unit price (cents),Qty,Currency,From,To
            L1,C1,4900,2,EUR,2025-01-01,2025-02-01
            L2,C2,5000,1,JPY,2025-01-01,2026-01-01
            L3,C3,49.5,1,EUR,2025-01-01,2025-02-01
            """;

        var result = await Parse.TextAsync(csv, Parse.AmsterdamOptions with { Profiles = [profile], MaxBadRowFraction = 1m });

        Assert.Equal([("L1", 98.00m), ("L2", 5000m)], result.Lines.Select(line => (line.LineKey, line.Amount)).ToArray());
        Assert.Equal((BillingInterval.Monthly, true), (result.Lines[0].Interval!.Value, result.Lines[0].IntervalInferred));
        Assert.Equal(new BillingInterval(IntervalUnit.Year, 1), result.Lines[1].Interval);
        Assert.Equal((4L, "Unit price (cents)"), (result.Errors.Single().Row, result.Errors.Single().Column));
    }

    [Fact]
    public async Task ParseAsync_BuiltInFingerprint_WinsOverAProfile()
    {
        var greedy = Profile("""
            { "columns": { "customer_id": "customer_id", "amount": "amount", "service_start": "service_start", "currency": "currency" } }
            """, "greedy");
        const string csv = "customer_id,amount,currency,service_start,service_end\nC1,10.00,EUR,2025-01-01,2025-02-01\n";

        var result = await Parse.TextAsync(csv, Parse.AmsterdamOptions with { Profiles = [greedy] });

        Assert.Equal("canonical-revenue-lines", result.Format);
    }

    [Fact]
    public async Task ParseAsync_FirstMatchingProfile_ReadsTheFile()
    {
        var other = Profile("""{ "columns": { "customer_id": "Debiteur", "amount": "Saldo", "service_start": "Datum" }, "currency": "EUR" }""", "other");

        var result = await Parse.TextAsync(Register, Parse.AmsterdamOptions with { Profiles = [other, Dutch] });

        Assert.Equal("profile:nl", result.Format);
    }

    private static MappingProfile Profile(string json, string name)
    {
        var result = MappingProfileJson.Parse(json, name);
        Assert.Empty(result.Problems);
        return result.Profile!;
    }

    private static DateTimeOffset Local(int year, int month, int day) => BillingMonth.StartOfDay(new DateOnly(year, month, day), Parse.Amsterdam);
}
