using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Api.Tests;

/// <summary>What a client receives for a handler's result: it is executed against a response as a host would.</summary>
/// <remarks>The services are those both hosts register for results: logging, and ProblemDetails.</remarks>
internal sealed record ApiResponse(int StatusCode, string? ContentType, string Body)
{
    public static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The lines of a CSV body, without the final line break.</summary>
    public string[] Lines => Body.Split("\r\n")[..^1];

    public static async Task<ApiResponse> ExecuteAsync(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var context = new DefaultHttpContext { RequestServices = Services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return new ApiResponse(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }

    /// <summary>Asserts a ProblemDetails response with this status and title, and returns its detail.</summary>
    public string ProblemDetail(int statusCode, string title)
    {
        Assert.Equal((statusCode, "application/problem+json"), (StatusCode, ContentType));
        var problem = Json;
        Assert.Equal((statusCode, title), (problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
        return problem.GetProperty("detail").GetString()!;
    }
}
