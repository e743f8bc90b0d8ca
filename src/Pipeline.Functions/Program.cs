using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Functions;
using Pipeline.Storage;

// The Azure Functions isolated worker with ASP.NET Core integration: the same composition as the local host,
// plus Application Insights for the worker's own telemetry (the host sends its own; see FunctionsTelemetry).
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddFunctionsTelemetry();
builder.AddPipeline();
builder.AddPipelineStorage();
builder.Services.AddProblemDetails();
builder.Build().Run();
