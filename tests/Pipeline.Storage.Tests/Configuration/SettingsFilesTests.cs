using System.Reflection;
using System.Text.Json;
using Pipeline.Application;

namespace Pipeline.Storage.Tests.Configuration;

/// <summary>The Functions app's settings files say what the code reads: every option has a sample value, host.json agrees.</summary>
public sealed class SettingsFilesTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void LocalSettingsSample_HasEveryPipelineOptionWithItsDefault()
    {
        var values = SampleValues();
        var defaults = new PipelineOptions();

        foreach (var property in Settable(typeof(PipelineOptions)).Where(property => property.Name != nameof(PipelineOptions.Tenants)))
        {
            var key = $"Pipeline__{property.Name}";
            Assert.True(values.ContainsKey(key), $"local.settings.sample.json has no {key}.");
            Assert.Equal(Invariant(property.GetValue(defaults)), values[key]);
        }
    }

    [Fact]
    public void LocalSettingsSample_HasEveryStorageNameAndRetrySettingWithItsDefault()
    {
        var values = SampleValues();
        var defaults = new PipelineStorageOptions();
        string[] connection = [nameof(PipelineStorageOptions.BlobServiceUri), nameof(PipelineStorageOptions.TableServiceUri),
            nameof(PipelineStorageOptions.Credential), nameof(PipelineStorageOptions.ClientId)];

        foreach (var property in Settable(typeof(PipelineStorageOptions)).Where(property => !connection.Contains(property.Name)))
        {
            var key = $"PipelineStorage__{property.Name}";
            Assert.True(values.ContainsKey(key), $"local.settings.sample.json has no {key}.");
            Assert.Equal(Invariant(property.GetValue(defaults)), values[key]);
        }
    }

    [Fact]
    public void HostJson_PoisonThresholdMatchesTheIngestAttempts()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));

        var threshold = host.RootElement.GetProperty("extensions").GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32();

        Assert.Equal(new PipelineOptions().MaxIngestAttempts, threshold);
    }

    private static Dictionary<string, string> SampleValues()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.SetMethod is { IsPublic: true });

    private static string Invariant(object? value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Pipeline.sln) is not above the test binaries.");
    }
}
