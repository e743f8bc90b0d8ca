using Pipeline.Api.Imports;

namespace Pipeline.Api.Tests.Imports;

public sealed class ExportFileNameTests
{
    [Theory]
    [InlineData("revenue-2026-10.csv")]
    [InlineData("Stripe export (oct).xlsx")]
    [InlineData("omzet_€_2026.csv")]
    [InlineData("a")]
    public void Problem_OneFileName_IsNull(string name) => Assert.Null(ExportFileName.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("acme/revenue.csv")]
    [InlineData("..\\revenue.csv")]
    [InlineData("_profiles")]
    [InlineData(".env")]
    [InlineData("revenue.csv.")]
    [InlineData("revenue.csv ")]
    [InlineData("a#b.csv")]
    [InlineData("a?b.csv")]
    [InlineData("a%2Fb.csv")]
    [InlineData("a\tb.csv")]
    public void Problem_NotOneFileName_SaysWhatANameMayBe(string name) => Assert.NotNull(ExportFileName.Problem(name));

    [Fact]
    public void Problem_NameLongerThanTheLimit_IsRefused_AndTheMessageShortensIt()
    {
        var problem = ExportFileName.Problem(new string('a', ExportFileName.MaxLength + 1));

        Assert.NotNull(problem);
        Assert.Contains(new string('a', ExportFileName.MaxLength) + "…'", problem, StringComparison.Ordinal);
        Assert.Null(ExportFileName.Problem(new string('a', ExportFileName.MaxLength)));
    }
}
