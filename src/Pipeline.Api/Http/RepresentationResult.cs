using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Api.Http;

/// <summary>
/// A read response whose body is known before it is sent: it gets an <c>ETag</c>, <c>Last-Modified</c> and
/// <c>Cache-Control</c>, answers <c>304</c> to a matching <c>If-None-Match</c>, and is compressed (Brotli, else gzip)
/// when the client accepts it.
/// </summary>
/// <remarks>
/// <para>
/// The ETag is weak (<c>W/"…"</c>) and is the SHA-256 of the uncompressed body, so equal bodies have equal tags in both
/// hosts and on every instance, whatever the encoding; a JSON and a CSV body differ, so they do too.
/// <c>Last-Modified</c> is when the figures were computed (a KPI row's <c>computedAt</c>), or the host's clock
/// (<see cref="TimeProvider"/>) for a response computed on each read.
/// </para>
/// <para>
/// Compression is done here, not by a middleware, so that the Functions app (whose front end does not compress) and the
/// local host send the same bytes; the local host's ResponseCompression sees the <c>Content-Encoding</c> and leaves the
/// body alone. Small bodies and XLSX (already a zip) are sent as they are (<see cref="Representation.Compressible"/>).
/// </para>
/// </remarks>
internal sealed class RepresentationResult(Representation representation, ResponseFreshness freshness, DateTimeOffset? lastModified) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var modified = Truncate(lastModified ?? Clock(httpContext).GetUtcNow());
        response.Headers.ETag = representation.ETag;
        response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = CacheControl(freshness);
        response.Headers.Vary = "Accept, Accept-Encoding";
        if (NotModified(request, representation.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = representation.ContentType;
        if (representation.Download is { } extension)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(request)}{extension}\"";
        }

        var encoding = representation.Compressible ? Encoding(request) : null;
        var sent = encoding is null ? representation.Body : representation.Encoded(encoding);
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentLength = sent.Length;
        await response.Body.WriteAsync(sent, httpContext.RequestAborted);
    }

    public static string CacheControl(ResponseFreshness freshness) => freshness switch
    {
        ResponseFreshness.Closed => "private, max-age=3600, must-revalidate",
        _ => "private, no-cache, must-revalidate",
    };

    /// <summary>The request path's last segment (<c>kpis</c>, <c>2025-05</c>, <c>cohorts</c>), kept to letters, digits and hyphens.</summary>
    private static string FileName(HttpRequest request)
    {
        var last = (request.Path.Value ?? string.Empty).TrimEnd('/').Split('/')[^1];
        var name = new string([.. last.Where(character => char.IsAsciiLetterOrDigit(character) || character == '-')]);
        return name.Length == 0 ? "rows" : name;
    }

    private static TimeProvider Clock(HttpContext context) => context.RequestServices?.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>HTTP dates have whole seconds: a validator compared with one must too.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <remarks>
    /// Only <c>If-None-Match</c> decides: <c>If-Modified-Since</c> is ignored (RFC 9110 lets a server do so), because a
    /// reopen changes a row's status and version but not when its figures were computed, so a date can miss a change.
    /// </remarks>
    private static bool NotModified(HttpRequest request, string etag)
    {
        // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x" and W/"x".
        var opaque = etag[2..];
        return request.Headers.IfNoneMatch.SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(tag => tag.Trim())
            .Any(tag => tag == "*" || string.Equals(tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag, opaque, StringComparison.Ordinal));
    }

    /// <summary>Brotli when accepted, else gzip when accepted; null for neither (or <c>q=0</c>).</summary>
    private static string? Encoding(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted))
        {
            return null;
        }

        bool Accepts(string coding) =>
            accepted.Any(value => string.Equals(value.Value.Value, coding, StringComparison.OrdinalIgnoreCase) && (value.Quality ?? 1) > 0);
        return Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : null;
    }
}
