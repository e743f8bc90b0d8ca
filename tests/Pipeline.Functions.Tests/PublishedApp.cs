using System.Diagnostics;
using System.Reflection;

namespace Pipeline.Functions.Tests;

/// <summary>
/// The deployable folder: <c>dotnet publish</c> of the Functions app as built (<c>--no-build</c>, the test run's
/// configuration) into a temporary folder, once per test class; deleted afterwards.
/// </summary>
/// <remarks>
/// <para>
/// Publishing, not the build output, because the two differ in what matters here: the build output has
/// <c>local.settings.json</c> next to the app when the project has one (Core Tools runs from there), the published
/// folder must not. So while publishing, the project has a <c>local.settings.json</c>: the developer's if there is
/// one, else a marker file written for the publish and removed after it, so the exclusion is always exercised.
/// </para>
/// <para>Publishing the built app copies files only (about two seconds here); it needs the .NET SDK that runs the tests.</para>
/// </remarks>
public sealed class PublishedApp : IAsyncLifetime
{
    public const string MarkerSetting = "PIPELINE_TEST_MARKER";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pipeline-functions-publish-" + Guid.NewGuid().ToString("N")[..12]);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string ProjectDirectory => Path.Combine(RepositoryRoot, "src", "Pipeline.Functions");

    /// <summary>Whether the project had a <c>local.settings.json</c> while it was published (always true).</summary>
    public bool ProjectHadLocalSettings { get; private set; }

    public async Task InitializeAsync()
    {
        var localSettings = Path.Combine(ProjectDirectory, "local.settings.json");
        var written = !File.Exists(localSettings);
        if (written)
        {
            await File.WriteAllTextAsync(localSettings, $$"""{ "IsEncrypted": false, "Values": { "{{MarkerSetting}}": "must not be published" } }""");
        }

        try
        {
            ProjectHadLocalSettings = File.Exists(localSettings);
            await PublishAsync();
        }
        finally
        {
            if (written)
            {
                File.Delete(localSettings);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task PublishAsync()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine(ProjectDirectory, "Pipeline.Functions.csproj"), "-c", configuration, "--no-build", "-o", Folder,
            "-nologo", "-v", "quiet", "--disable-build-servers",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish exited with {publish.ExitCode}:{Environment.NewLine}{await output}{await errors}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))
                && File.Exists(Path.Combine(directory.FullName, "src", "Pipeline.Functions", "Pipeline.Functions.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository (Pipeline.sln) above {AppContext.BaseDirectory}.");
    }
}
