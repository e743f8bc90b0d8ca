namespace Pipeline.Domain.Tests;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("acme-eu-1")]
    [InlineData("0xdeadbeef")]
    public void TryParse_LowerCaseSlug_Accepted(string value)
    {
        Assert.True(TenantId.TryParse(value, out var tenant));
        Assert.Equal(value, tenant.Value);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac--me")]
    [InlineData("ac me")]
    [InlineData("acme_eu")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotASlug_Rejected(string? value)
    {
        Assert.False(TenantId.TryParse(value, out _));
    }

    [Fact]
    public void TryParse_Length_SixtyThreeAcceptedSixtyFourRejected()
    {
        Assert.True(TenantId.TryParse(new string('a', 63), out _));
        Assert.False(TenantId.TryParse(new string('a', 64), out _));
    }

    [Fact]
    public void Parse_NotASlug_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => TenantId.Parse("Not A Slug"));
    }
}
