using System.Globalization;
using Pipeline.Ingestion.Values;

namespace Pipeline.Ingestion.Tests.Values;

public sealed class AsciiDigitsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("007")]
    [InlineData("2025")]
    [InlineData("999999999")]
    [InlineData("2147483647")]
    [InlineData("2147483648")]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("١٢")]
    [InlineData("12a")]
    [InlineData("/")]
    [InlineData(":")]
    public void TryParse_AnyText_AsTheInvariantParserWithoutStyles(string text)
    {
        var expected = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);

        Assert.Equal((expected, value), (AsciiDigits.TryParse(text, out var parsed), parsed));
    }
}
