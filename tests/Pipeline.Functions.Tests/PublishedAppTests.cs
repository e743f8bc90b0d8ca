using System.Text.Json;

namespace Pipeline.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> of the Functions app gives the folder that is zipped and deployed: the metadata the host
/// indexes, host.json, the worker and its binding extensions, the dashboard's files, and never local.settings.json.
/// </summary>
public sealed class PublishedAppTests(PublishedApp published) : IClassFixture<PublishedApp>
{
    [Fact]
    public void Published_HasTheFunctionsMetadataOfTheBuild()
    {
        var metadata = Path.Combine(published.Folder, "functions.metadata");

        Assert.True(File.Exists(metadata), "functions.metadata is missing from the published folder");
        Assert.Equal(File.ReadAllText(FunctionsMetadata.FilePath), File.ReadAllText(metadata));
    }

    [Fact]
    public void Published_HasTheRepositorysHostJson()
    {
        Assert.Equal(
            File.ReadAllText(Path.Combine(published.RepositoryRoot, "host.json")),
            File.ReadAllText(Path.Combine(published.Folder, "host.json")));
    }

    [Fact]
    public void Published_HasTheWorkerAndEveryBindingExtensionTheHostLoads()
    {
        using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "worker.config.json")));
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "extensions.json")));
        var loaded = extensions.RootElement.GetProperty("extensions").EnumerateArray()
            .Select(extension => (Name: extension.GetProperty("name").GetString()!, Path: extension.GetProperty("hintPath").GetString()!))
            .ToList();
        var description = worker.RootElement.GetProperty("description");

        Assert.Equal(("dotnet-isolated", "Pipeline.Functions.dll"), (description.GetProperty("language").GetString(), description.GetProperty("defaultWorkerPath").GetString()));
        Assert.True(File.Exists(Path.Combine(published.Folder, "Pipeline.Functions.dll")));
        Assert.Equal(["AzureStorageBlobs", "AzureStorageQueues", "Startup"], loaded.Select(extension => extension.Name).Order(StringComparer.Ordinal));
        Assert.All(loaded, extension => Assert.True(
            File.Exists(Path.Combine(published.Folder, extension.Path)), $"{extension.Name}: {extension.Path} is missing from the published folder"));
    }

    [Fact]
    public void Published_WorkerCompilesOptimisedFromTheStart_WithoutTieredPgo()
    {
        // The worker's JIT settings (Directory.Build.props): an ingest's hot methods are not left in the quick JIT.
        using var runtime = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Folder, "Pipeline.Functions.runtimeconfig.json")));
        var properties = runtime.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(
            (false, false, false),
            (properties.GetProperty("System.Runtime.TieredCompilation.QuickJit").GetBoolean(),
                properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean(),
                properties.GetProperty("System.Runtime.TieredPGO").GetBoolean()));
    }

    [Fact]
    public void Published_HasTheDashboardsPageAndItsChartLibrary_ForGetDashboard()
    {
        var dashboard = Path.Combine(published.Folder, "dashboard");

        Assert.Equal(
            File.ReadAllText(Path.Combine(published.RepositoryRoot, "src", "dashboard", "index.html")),
            File.ReadAllText(Path.Combine(dashboard, "index.html")));
        Assert.True(File.Exists(Path.Combine(dashboard, "js", "app.js")), "dashboard/js/app.js is missing from the published folder");
        Assert.True(File.Exists(Path.Combine(dashboard, "lib", "echarts.esm.min.js")), "the chart library is missing from the published folder");
    }

    [Fact]
    public void Published_HasNoLocalSettings_ThoughTheProjectHadOne()
    {
        var localSettings = Directory.EnumerateFiles(published.Folder, "local.settings*.json", SearchOption.AllDirectories);
        var marker = Directory.EnumerateFiles(published.Folder, "*.json", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains(PublishedApp.MarkerSetting, StringComparison.Ordinal));

        Assert.True(published.ProjectHadLocalSettings);
        Assert.Empty(localSettings);
        Assert.Empty(marker);
    }
}
