using Microsoft.Extensions.Options;
using Pipeline.Api;
using Pipeline.Application;
using Pipeline.Storage;

namespace Pipeline.LocalHost;

/// <summary>Builds the local host: the same application and API as the Functions app, with a poller and a scheduler.</summary>
public static class LocalHostApplication
{
    /// <summary>Creates the app; <paramref name="configure"/> lets tests add settings or replace services.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPipeline();
        builder.AddPipelineStorage();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<IValidateOptions<PipelineOptions>, CloseScheduleValidator>();
        builder.Services.AddOptions<LocalHostOptions>()
            .BindConfiguration(LocalHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddHostedService<ExportFolderWatcher>();
        builder.Services.AddHostedService<CloseScheduler>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi($"/{ApiRoutes.Prefix}/{ApiRoutes.OpenApiDocument}");
        app.MapPipelineApi();
        return app;
    }
}
