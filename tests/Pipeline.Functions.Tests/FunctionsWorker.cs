using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Pipeline.Functions.Tests;

/// <summary>The Functions worker exactly as <c>Program.cs</c> composes it (<c>AddPipelineFunctions</c>), built but never started.</summary>
/// <remarks>
/// Settings are the <c>Values</c> of <c>local.settings.sample.json</c> (<c>__</c> read as <c>:</c>, as the host passes
/// them to the worker), then the settings given to <see cref="Build"/>. <c>replace</c> runs after the composition, so a service it
/// registers wins over the app's (the last registration is the one resolved): tests swap storage ports for doubles.
/// Nothing connects to storage until a service is used, and the worker's gRPC channel to the Functions host is only
/// opened on start.
/// </remarks>
internal sealed class FunctionsWorker : IDisposable
{
    private readonly IHost _host;

    private FunctionsWorker(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static FunctionsWorker Build(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(SampleSettings());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddPipelineFunctions();
        replace?.Invoke(builder.Services);
        return new FunctionsWorker(builder.Build());
    }

    /// <summary>The <c>Values</c> of <c>local.settings.sample.json</c> as configuration keys.</summary>
    public static Dictionary<string, string?> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(value => value.Name.Replace("__", ":", StringComparison.Ordinal), value => value.Value.GetString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A function class as the worker makes one for an invocation: constructed from the worker's services.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose() => _host.Dispose();
}
