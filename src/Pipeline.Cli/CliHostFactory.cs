using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Application;
using Pipeline.Storage;

namespace Pipeline.Cli;

/// <summary>Builds the generic host a command runs in: the same application services and storage as the hosts.</summary>
/// <remarks>
/// Configuration, later wins: <c>appsettings.json</c> next to the binary, environment variables
/// (<c>Pipeline__…</c>, <c>PipelineStorage__…</c>), the settings given to <see cref="Program.RunAsync"/>, then
/// <c>--storage</c>. Without any of them the storage is Azurite (<c>UseDevelopmentStorage=true</c>).
/// </remarks>
internal sealed class CliHostFactory(IDictionary<string, string?>? settings)
{
    public Option<string> StorageOption { get; } = new("--storage")
    {
        Description = "Storage connection string (default: PipelineStorage from appsettings.json or the environment, else Azurite).",
        HelpName = "connection-string",
        Recursive = true,
    };

    /// <summary>Builds and starts the host (which creates missing containers and tables); dispose it when done.</summary>
    public async Task<CliHost> StartAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "pipeline",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var storage = parsed.GetValue(StorageOption);
        if (!string.IsNullOrWhiteSpace(storage))
        {
            builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{PipelineStorageOptions.SectionName}", storage)]);
        }

        // Logs would mix with the results on stdout: the commands report what matters themselves.
        builder.Logging.ClearProviders();
        builder.AddPipeline();
        builder.AddPipelineStorage();
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new CliHost(host);
    }
}

/// <summary>A started host; disposing stops it.</summary>
internal sealed class CliHost(IHost host) : IAsyncDisposable
{
    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
