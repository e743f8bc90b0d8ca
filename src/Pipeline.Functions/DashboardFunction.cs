using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Pipeline.Api;
using Pipeline.Api.Dashboard;

namespace Pipeline.Functions;

/// <summary><c>GET /api/dashboard/{*path}</c>: the dashboard's files, anonymous (they hold no data; the page's API calls are checked).</summary>
public sealed class DashboardFunction
{
    [Function("GetDashboard")]
    public static Task RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Dashboard)] HttpRequest request,
        string? path) =>
        DashboardEndpoints.Get(path, request).ExecuteAsync(request.HttpContext);
}
