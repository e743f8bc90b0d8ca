using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Api.Http;

namespace Pipeline.Api.Tests.Http;

/// <summary>The read validators and compression every tabular and KPI response gets, executed as a host would.</summary>
public sealed class RepresentationResultTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 15, 30, 250, TimeSpan.Zero);

    [Fact]
    public async Task Rows_Closed_WeakETagLastModifiedAndCacheControlForAGateway()
    {
        var response = await SendAsync(TabularResults.Rows(Rows(3), TabularFormat.Json, ResponseFreshness.Closed, Now));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("W/\"", response.Headers.ETag.ToString(), StringComparison.Ordinal);
        Assert.Equal("Mon, 07 Dec 2026 09:15:30 GMT", response.Headers.LastModified.ToString());
        Assert.Equal("private, max-age=3600, must-revalidate", response.Headers.CacheControl.ToString());
        Assert.Equal("Accept, Accept-Encoding", response.Headers.Vary.ToString());
    }

    [Fact]
    public async Task Rows_Live_NoCacheAndLastModifiedFromTheClock()
    {
        var response = await SendAsync(TabularResults.Rows(Rows(1), TabularFormat.Csv));

        Assert.Equal("private, no-cache, must-revalidate", response.Headers.CacheControl.ToString());
        Assert.Equal("Mon, 07 Dec 2026 09:15:30 GMT", response.Headers.LastModified.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rows_IfNoneMatchOfItsETag_304WithoutBody(bool strongForm)
    {
        var first = await SendAsync(TabularResults.Rows(Rows(3), TabularFormat.Json));
        var etag = first.Headers.ETag.ToString();

        var second = await SendAsync(
            TabularResults.Rows(Rows(3), TabularFormat.Json), ("If-None-Match", "\"other\", " + (strongForm ? etag[2..] : etag)));

        Assert.Equal((304, 0), (second.StatusCode, second.Body.Length));
        Assert.Equal(etag, second.Headers.ETag.ToString());
    }

    [Fact]
    public async Task Rows_IfNoneMatchOfOtherRows_200WithTheBody()
    {
        var first = await SendAsync(TabularResults.Rows(Rows(3), TabularFormat.Json));

        var changed = await SendAsync(TabularResults.Rows(Rows(4), TabularFormat.Json), ("If-None-Match", first.Headers.ETag.ToString()));

        Assert.Equal(200, changed.StatusCode);
        Assert.NotEqual(first.Headers.ETag.ToString(), changed.Headers.ETag.ToString());
    }

    [Fact]
    public async Task Rows_IfModifiedSinceAlone_200BecauseOnlyTheETagValidates()
    {
        // A reopen changes a row's status and version, not when its figures were computed: a date cannot tell.
        var response = await SendAsync(
            TabularResults.Rows(Rows(1), TabularFormat.Json, ResponseFreshness.Closed, Now), ("If-Modified-Since", "Mon, 07 Dec 2026 09:15:30 GMT"));

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("gzip;q=0.5, br;q=1", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Rows_LargeBodyAndAcceptEncoding_CompressedToTheSameBytes(string accept, string expected)
    {
        var plain = await SendAsync(TabularResults.Rows(Rows(100), TabularFormat.Csv));

        var compressed = await SendAsync(TabularResults.Rows(Rows(100), TabularFormat.Csv), ("Accept-Encoding", accept));

        Assert.Equal(expected, compressed.Headers.ContentEncoding.ToString());
        Assert.Equal(plain.Headers.ETag.ToString(), compressed.Headers.ETag.ToString());
        Assert.Equal(plain.Body, Decompress(compressed.Body, expected));
    }

    [Fact]
    public async Task Rows_SmallBodyOrXlsx_NotCompressed()
    {
        var small = await SendAsync(TabularResults.Rows(Rows(1), TabularFormat.Json), ("Accept-Encoding", "br"));
        var xlsx = await SendAsync(TabularResults.Rows(Rows(100), new TabularFormat(TabularFormatKind.Xlsx, CsvCulture.Invariant)), ("Accept-Encoding", "br"));

        Assert.Equal(string.Empty, small.Headers.ContentEncoding.ToString());
        Assert.Equal(string.Empty, xlsx.Headers.ContentEncoding.ToString());
    }

    [Theory]
    [InlineData("xlsx", "/api/tenants/acme/kpis", "attachment; filename=\"kpis.xlsx\"")]
    [InlineData("csv-excel", "/api/tenants/acme/kpis/2025-05", "attachment; filename=\"2025-05.csv\"")]
    [InlineData("csv", "/api/tenants/acme/kpis", "")]
    public async Task Rows_FormatsForExcel_AnAttachmentNamedAfterThePath(string format, string path, string disposition)
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString("?format=" + format);
        Assert.True(TabularFormat.TryRead(request, out var chosen, out _));

        var response = await SendAsync(TabularResults.Rows(Rows(2), chosen), path);

        Assert.Equal(disposition, response.Headers.ContentDisposition.ToString());
    }

    private static List<Row> Rows(int count) =>
        Enumerable.Range(1, count).Select(index => new Row($"customer {index}", index * 10.5m)).ToList();

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream reader = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }

    private static Task<Sent> SendAsync(IResult result, params (string Name, string Value)[] headers) => SendAsync(result, "/api/x", headers);

    private static async Task<Sent> SendAsync(IResult result, string path, params (string Name, string Value)[] headers)
    {
        var clock = new FakeTimeProvider(Now);
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<TimeProvider>(clock).BuildServiceProvider(),
        };
        context.Request.Path = path;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new Sent(context.Response.StatusCode, context.Response.Headers, body.ToArray());
    }

    private sealed record Sent(int StatusCode, IHeaderDictionary Headers, byte[] Body);

    private sealed record Row(string Name, decimal Amount);
}
