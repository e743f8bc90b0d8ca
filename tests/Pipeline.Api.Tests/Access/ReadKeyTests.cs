using Pipeline.Api.Access;

namespace Pipeline.Api.Tests.Access;

public sealed class ReadKeyTests
{
    [Fact]
    public void Hash_IsSha256OfTheUtf8Bytes_AsLowerHexWithThePrefix()
    {
        // The SHA-256 test vector of "abc" (FIPS 180-2): what `printf abc | sha256sum` prints.
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ReadKey.Hash("abc"));
    }

    [Fact]
    public void Create_Is64LowerHexDigits_AndNeverTheSameTwice()
    {
        var first = ReadKey.Create();
        var second = ReadKey.Create();

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.NotEqual(first, second);
        Assert.True(ReadKey.TryParseHash(ReadKey.Hash(first), out _));
    }

    [Theory]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("sha256:ba7816bf")]
    [InlineData("sha1:a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("sha256:zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("")]
    public void TryParseHash_AnythingButSha256AndLowerHex_IsRefused(string value)
    {
        Assert.False(ReadKey.TryParseHash(value, out _));
    }

    [Fact]
    public void Matches_TheDigestOfTheKeyAgainstItsConfiguredHash()
    {
        var key = ReadKey.Create();
        Assert.True(ReadKey.TryParseHash(ReadKey.Hash(key), out var configured));

        Assert.True(ReadKey.Matches(ReadKey.Digest(key), configured));
        Assert.False(ReadKey.Matches(ReadKey.Digest(key + "x"), configured));
    }
}
