using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Pipeline.LocalHost;

namespace Pipeline.Functions.Tests;

/// <summary>Both hosts serve one HTTP API: the Functions app's HTTP triggers are exactly the local host's endpoints.</summary>
/// <remarks>
/// A trigger is read from its attributes (function name, methods, route) with host.json's route prefix in front; an
/// endpoint from the local host as built (endpoint name, methods, route pattern). A route, method or name that one
/// host has and the other lacks shows up as a difference of the two lists.
/// </remarks>
public sealed class HttpRouteTests
{
    /// <summary>What only the local host serves: the OpenAPI description.</summary>
    private static readonly string[] LocalHostOnly = ["/api/openapi.json"];

    [Fact]
    public async Task HttpTriggers_EqualTheLocalHostEndpoints()
    {
        var functions = FunctionRoutes();

        var local = await LocalHostRoutesAsync();

        Assert.Contains(new HttpRoute("ListKpis", "GET", "/api/tenants/{tenant}/kpis"), functions);
        Assert.Contains(new HttpRoute("ReopenMonth", "POST", "/api/tenants/{tenant}/closes/{month}/reopen"), functions);
        Assert.Equal(local, functions);
    }

    private static List<HttpRoute> FunctionRoutes()
    {
        var prefix = HostJsonRoutePrefix();
        return typeof(KpiFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Select(method => (Function: method.GetCustomAttribute<FunctionAttribute>(), Trigger: HttpTriggerOf(method)))
            .Where(function => function.Function is not null && function.Trigger is not null)
            .SelectMany(function => function.Trigger!.Methods!.Select(verb =>
                new HttpRoute(function.Function!.Name, verb.ToUpperInvariant(), $"/{prefix}/{function.Trigger.Route}")))
            .Order()
            .ToList();
    }

    private static async Task<List<HttpRoute>> LocalHostRoutesAsync()
    {
        await using var app = LocalHostApplication.Create([]);
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => !LocalHostOnly.Contains(endpoint.RoutePattern.RawText, StringComparer.Ordinal))
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(verb =>
                new HttpRoute(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(unnamed)", verb, endpoint.RoutePattern.RawText!)))
            .Order()
            .ToList();
    }

    private static HttpTriggerAttribute? HttpTriggerOf(MethodInfo method) =>
        method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(trigger => trigger is not null);

    /// <summary>The Functions host's route prefix (host.json <c>extensions.http.routePrefix</c>, copied next to the tests).</summary>
    private static string HostJsonRoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }

    private sealed record HttpRoute(string Name, string Method, string Route) : IComparable<HttpRoute>
    {
        public int CompareTo(HttpRoute? other) =>
            other is null ? 1 : string.CompareOrdinal($"{Route} {Method} {Name}", $"{other.Route} {other.Method} {other.Name}");
    }
}
