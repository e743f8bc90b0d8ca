using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Pipeline.Api.Http;

/// <summary>
/// One page of a long list of rows (<c>offset=</c>, <c>limit=</c>): a drill-down of tens of thousands of customers can be
/// fetched in pages instead of one body. Without <c>limit</c> every row from <c>offset</c> is sent. The response says how
/// many rows there are in all (<c>X-Total-Count</c>) and, when more follow, where the next page is (<c>Link: …; rel="next"</c>).
/// </summary>
public readonly record struct RowPage(int Offset, int? Limit)
{
    /// <summary>The largest <c>limit</c> a request may ask for.</summary>
    public const int MaxLimit = 100_000;

    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>The optional <c>offset</c> (from 0) and <c>limit</c> (1 … <see cref="MaxLimit"/>); a 400 problem for a bad one.</summary>
    public static bool TryRead(HttpRequest request, out RowPage page, [NotNullWhen(false)] out IResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        page = default;
        if (!RouteValues.TryWholeNumber(request, "offset", 0, 0, int.MaxValue, out var offset, out problem)
            || !RouteValues.TryWholeNumber(request, "limit", 0, 1, MaxLimit, out var limit, out problem))
        {
            return false;
        }

        page = new RowPage(offset, request.Query.ContainsKey("limit") ? limit : null);
        return true;
    }

    /// <summary>The rows of this page.</summary>
    public IReadOnlyList<T> Of<T>(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var from = Math.Min(Offset, rows.Count);
        var count = Math.Min(rows.Count - from, Limit ?? int.MaxValue);
        return from == 0 && count == rows.Count ? rows : [.. rows.Skip(from).Take(count)];
    }

    /// <summary><paramref name="result"/> with the total count and, when rows follow this page, the next page's link.</summary>
    public IResult Around(IResult result, int total) => new PagedResult(result, this, total);

    private sealed class PagedResult(IResult inner, RowPage page, int total) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
            if (page.Limit is { } limit && (long)page.Offset + limit < total)
            {
                var request = httpContext.Request;
                var query = QueryString.Create(request.Query
                    .Where(pair => pair.Key is not "offset" and not "limit")
                    .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
                    .Append(new("offset", (page.Offset + limit).ToString(CultureInfo.InvariantCulture)))
                    .Append(new("limit", limit.ToString(CultureInfo.InvariantCulture))));
                response.Headers.Link = $"<{UriHelper.BuildRelative(request.PathBase, request.Path, query)}>; rel=\"next\"";
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
