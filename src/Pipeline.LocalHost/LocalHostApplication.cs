using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Pipeline.Api;
using Pipeline.Api.Dashboard;
using Pipeline.Api.Access;
using Pipeline.Api.Http;
using Pipeline.Application;
using Pipeline.Storage;

namespace Pipeline.LocalHost;

/// <summary>Builds the local host: the same application and API as the Functions app, with a poller and a scheduler.</summary>
/// <remarks>
/// It listens where ASP.NET Core's conventional settings say (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c> …), and on <see cref="DefaultUrl"/> only when none is set. The
/// default is applied in code, not as <c>Urls</c> in appsettings.json, where it would override <c>ASPNETCORE_URLS</c>
/// (appsettings.json is read after the <c>ASPNETCORE_</c> variables) and a process manager's port would be ignored.
/// </remarks>
public static class LocalHostApplication
{
    /// <summary>Where the local host listens when no setting says otherwise (the Functions host's usual port).</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>Creates the app; <paramref name="configure"/> lets tests add settings or replace services.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPipeline();
        builder.AddPipelineStorage();
        builder.Services.AddKpiLayoutUpgrade();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        builder.Services.AddPipelineApiAccess();
        builder.Services.AddOpenApi(options => options.AddOperationTransformer(OpenApiQueryParameters.TransformAsync));
        builder.Services.AddPipelineResponseCompression();
        builder.Services.AddSingleton<IValidateOptions<PipelineOptions>, CloseScheduleValidator>();
        builder.Services.AddOptions<LocalHostOptions>()
            .BindConfiguration(LocalHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<DemoSeeder>();
        builder.Services.AddHostedService<ExportFolderWatcher>();
        builder.Services.AddHostedService<CloseScheduler>();
        configure?.Invoke(builder);
        if (!ConfiguresListenAddresses(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var app = builder.Build();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        UseDashboard(app);
        app.MapOpenApi($"/{ApiRoutes.Prefix}/{ApiRoutes.OpenApiDocument}");
        app.MapPipelineApi();
        return app;
    }

    /// <summary>
    /// Serves the dashboard at <c>/</c> (<c>/?tenant=demo</c>) from the files both hosts serve at <c>/api/dashboard/</c>;
    /// a build without them (no <c>npm ci</c>) serves the API alone.
    /// </summary>
    private static void UseDashboard(WebApplication app)
    {
        if (!Directory.Exists(DashboardEndpoints.Folder))
        {
            return;
        }

        var files = new PhysicalFileProvider(DashboardEndpoints.Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.ContentSecurityPolicy = DashboardEndpoints.ContentSecurityPolicy,
        });
    }

    /// <summary>Whether <paramref name="configuration"/> says where to listen: URLs, HTTP or HTTPS ports, or Kestrel endpoints.</summary>
    public static bool ConfiguresListenAddresses(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
                .Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
            || configuration.GetSection("Kestrel:Endpoints").Exists();
    }
}
