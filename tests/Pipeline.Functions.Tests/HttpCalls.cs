using System.Text;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Pipeline.Functions.Tests;

/// <summary>An HTTP trigger's request as a strict Moq double, and the response the function wrote to its context.</summary>
/// <remarks>
/// The double serves only what the API reads from a request (query, headers, body) and the <see cref="HttpContext"/>
/// the function writes its result to: a function that reached for anything else would fail the test. The context's
/// services are the worker's, as with the ASP.NET Core integration, so results use the app's ProblemDetails service.
/// </remarks>
internal static class HttpCalls
{
    public static HttpRequest Request(
        IServiceProvider services, string method = "GET", string query = "", string? body = null, IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(query.Length == 0 ? string.Empty : "?" + query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        context.Response.Body = new MemoryStream();
        var request = new Mock<HttpRequest>(MockBehavior.Strict);
        request.SetupGet(incoming => incoming.HttpContext).Returns(context);
        request.SetupGet(incoming => incoming.Query).Returns(context.Request.Query);
        request.SetupGet(incoming => incoming.Headers).Returns(context.Request.Headers);
        request.SetupGet(incoming => incoming.Body).Returns(context.Request.Body);
        return request.Object;
    }

    /// <summary>What the function wrote: status, content type and body.</summary>
    public static HttpReply Reply(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.HttpContext.Response;
        return new HttpReply(response.StatusCode, response.ContentType, Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray()));
    }
}
