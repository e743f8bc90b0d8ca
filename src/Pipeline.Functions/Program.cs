using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Storage;

// The Azure Functions isolated worker with ASP.NET Core integration: the same composition as the local host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddPipeline();
builder.AddPipelineStorage();
builder.Services.AddProblemDetails();
builder.Build().Run();
