using Pipeline.Domain;
using Pipeline.Ingestion.Profiles;

namespace Pipeline.Ingestion.Tests.Profiles;

public sealed class MappingProfileJsonTests
{
    private const string Minimal = """{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR" }""";

    [Fact]
    public void Parse_RegisterFixture_ReadsEverySetting()
    {
        var profile = RegisterLocaleTests.Profile;

        Assert.Equal(("register", "profile:register"), (profile.Name, profile.FormatName));
        Assert.Equal(["Factuurnummer", "Klantnummer", "Bedrag excl. btw", "Periode van"], profile.MatchColumns);
        Assert.Equal(17, profile.Columns.Count);
        Assert.Equal("Periode t/m", profile.Columns["service_end"]);
        Assert.Equal(("EUR", AmountUnit.Major, "dd-MM-yyyy", ',', true), (profile.Currency!.Value.Code, profile.AmountUnit, profile.DateFormat, profile.DecimalSeparator, profile.ServiceEndInclusive));
        Assert.Equal(LineType.Credit, profile.LineTypes["creditnota"]);
        Assert.Equal(new BillingInterval(IntervalUnit.Month, 3), profile.IntervalKeywords["Kwartaal"]);
        Assert.Equal(["eenmalig", "eenmalige"], profile.OneTimeKeywords);
    }

    [Fact]
    public void Parse_NoMatchColumns_MatchesEveryMappedColumn()
    {
        var result = MappingProfileJson.Parse(Minimal, "mini");

        Assert.True(result.IsValid);
        Assert.Equal(["Klant", "Bedrag", "Van"], result.Profile.MatchColumns);
        Assert.Equal((AmountUnit.Major, "yyyy-MM-dd", (char?)null, LineType.Recurring), (result.Profile.AmountUnit, result.Profile.DateFormat, result.Profile.DecimalSeparator, result.Profile.DefaultLineType));
    }

    [Theory]
    [InlineData("""{ "columns": { "klant_id": "Klant", "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR" }""", "$.columns.klant_id", "unknown canonical field")]
    [InlineData("""{ "columns": { "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR" }""", "$.columns.customer_id", "missing required mapping")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "service_start": "Van" }, "currency": "EUR" }""", "$.columns.amount", "missing required mapping")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" } }""", "$.columns.currency", "missing required mapping")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EURO" }""", "$.currency", "'EURO' is not an ISO 4217 currency code")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "dateFormat": "dd-MM" }""", "$.dateFormat", "'dd-MM' is not a usable date format")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "amountUnit": "cents" }""", "$.amountUnit", "'cents' is not a valid value: expected major or minor")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "lineTypes": { "Per maand": "subscription" } }""", "$.lineTypes['Per maand']", "'subscription' is not a valid value")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "intervalKeywords": { "maand": "1 fortnight" } }""", "$.intervalKeywords.maand", "'1 fortnight' is not a valid value")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "decimalSeparator": ";" }""", "$.decimalSeparator", "';' is not a decimal separator")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "dateformat": "dd-MM-yyyy" }""", "$.dateformat", "unknown setting")]
    [InlineData("""{ "columns": { "customer_id": "Klant", "amount": "Bedrag", "service_start": "Van" }, "currency": "EUR", "match": { "columns": ["Klant", ""] } }""", "$.match.columns[1]", "expected a non-empty text")]
    public void Parse_BadProfile_NamesThePathAndTheProblem(string json, string path, string message)
    {
        var result = MappingProfileJson.Parse(json, "bad");

        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_AllReportedInOneGo()
    {
        var result = MappingProfileJson.Parse("""{ "columns": { "bedrag": "Bedrag" }, "amountUnit": "cents", "dateFormat": "qq" }""", "bad");

        Assert.Equal(["$.columns.bedrag", "$.amountUnit", "$.dateFormat", "$.columns.customer_id", "$.columns.service_start", "$.columns.amount", "$.columns.currency"],
            result.Problems.Select(problem => problem.Path).ToArray());
    }

    [Theory]
    [InlineData("{ \"columns\": ", "not valid JSON at line 1")]
    [InlineData("[1, 2]", "a mapping profile is a JSON object")]
    public void Parse_NotAProfileObject_OneProblemAtTheRoot(string json, string message)
    {
        var problem = Assert.Single(MappingProfileJson.Parse(json, "bad").Problems);

        Assert.Equal("$", problem.Path);
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsTrailingCommasAndBom_Accepted()
    {
        var json = "\uFEFF{ // a register\n \"columns\": { \"customer_id\": \"Klant\", \"amount\": \"Bedrag\", \"service_start\": \"Van\", }, \"currency\": \"EUR\", }";

        Assert.True(MappingProfileJson.Parse(json, "commented").IsValid);
    }
}
