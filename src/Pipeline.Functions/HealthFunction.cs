using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Application;

namespace Pipeline.Functions;

/// <summary><c>GET /api/health</c>, anonymous so a load balancer or uptime check can call it.</summary>
public sealed class HealthFunction(TenantSettings settings, TimeProvider clock)
{
    [Function("Health")]
    public Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        HealthEndpoints.Get(settings, clock).ExecuteAsync(request.HttpContext);
}
