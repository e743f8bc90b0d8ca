using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Pipeline.Api.Closes;
using Pipeline.Api.Imports;
using Pipeline.Api.Kpis;

namespace Pipeline.Api;

/// <summary>Maps every <c>/api</c> route onto its handler; the Functions app binds the same handlers to HTTP triggers.</summary>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/health", HealthEndpoints.Get);

        var tenant = api.MapGroup("/tenants/{tenant}");
        tenant.MapGet("/kpis", KpiEndpoints.ListAsync);
        tenant.MapGet("/kpis/{month}", KpiEndpoints.GetAsync);
        tenant.MapGet("/imports", ImportEndpoints.ListAsync);
        tenant.MapGet("/imports/{id}", ImportEndpoints.GetAsync);
        tenant.MapGet("/closes", CloseEndpoints.ListAsync);
        tenant.MapPost("/closes/{month}", CloseEndpoints.CloseAsync);
        return endpoints;
    }
}
