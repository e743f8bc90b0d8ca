using Microsoft.AspNetCore.Http;

namespace Pipeline.Api.Tests;

/// <summary>Requests as a BI tool sends them: a query string and, optionally, an <c>Accept</c> header.</summary>
internal static class Requests
{
    public static HttpRequest Get(string query = "", string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = new QueryString(query.Length == 0 ? string.Empty : "?" + query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }
}
