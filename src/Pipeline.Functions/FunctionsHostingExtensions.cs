using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Api.Access;
using Pipeline.Application;
using Pipeline.Storage;

namespace Pipeline.Functions;

/// <summary>The Functions app's composition: what <c>Program.cs</c> runs, and what the tests build the worker from.</summary>
/// <remarks>
/// The isolated worker with ASP.NET Core integration, the same application and storage composition as the local host
/// (<c>AddPipeline</c>, <c>AddPipelineStorage</c>, ProblemDetails), plus Application Insights for the worker's own
/// telemetry (the host sends its own; see <see cref="FunctionsTelemetry"/>), and <see cref="ApiAccess"/>: the HTTP
/// triggers are anonymous to the Functions host and every one but Health asks <see cref="ApiAccess"/> first, because a
/// function key is host-wide (every tenant, closes included). <c>Pipeline:Auth:Mode</c> None stops the worker when it
/// runs in App Service. The function classes are not registered:
/// the worker creates one per invocation from these services, so every constructor dependency must be here.
/// </remarks>
public static class FunctionsHostingExtensions
{
    public static FunctionsApplicationBuilder AddPipelineFunctions(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.AddFunctionsTelemetry();
        builder.AddPipeline();
        builder.AddPipelineStorage();
        builder.Services.AddKpiLayoutUpgrade();
        builder.Services.AddProblemDetails();
        builder.Services.AddPipelineApiAccess(refuseOpenModeInAppService: true);
        return builder;
    }
}
