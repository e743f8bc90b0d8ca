using Microsoft.Extensions.Options;
using Pipeline.Application.Imports;

namespace Pipeline.LocalHost;

/// <summary>With <c>LocalHost:SeedDemo</c>, drops the bundled sample exports into <c>exports/demo/</c> at start-up.</summary>
/// <remarks>Files already there are left alone, so restarting the demo never re-drops or changes anything.</remarks>
internal sealed partial class DemoSeeder(
    IExportDropBox dropBox,
    IOptions<LocalHostOptions> options,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public const string Tenant = "demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemo)
        {
            return;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "samples", "demo");
        foreach (var file in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            await using var content = File.OpenRead(file);
            var name = $"{Tenant}/{Path.GetFileName(file)}";
            if (await dropBox.DropAsync(name, content, cancellationToken))
            {
                LogDropped(name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Dropped demo export {BlobName}")]
    private partial void LogDropped(string blobName);
}
