using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(InfraTemplate infra)
{
    private JsonObject Site => infra.WithoutOperator.Find("Microsoft.Web/sites", "func-pipeline-");

    private Dictionary<string, string> Settings =>
        Site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string)setting!["value"]!, StringComparer.Ordinal);

    private string IdentityId => (string)infra.WithoutOperator.Find("Microsoft.ManagedIdentity/userAssignedIdentities", "id-pipeline-")["id"]!;

    private string AccountId(string prefix) => (string)infra.WithoutOperator.Find("Microsoft.Storage/storageAccounts", prefix)["id"]!;

    [Theory]
    [InlineData("AzureWebJobsStorage", "stfunc")]
    [InlineData("PipelineStorage", "stdata")]
    public void Storage_connection_is_identity_based_on_its_own_account(string connection, string account)
    {
        var settings = Settings;

        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal(
                $"[string(reference('{AccountId(account)}', '2026-06-01').primaryEndpoints.{service})]",
                settings[$"{connection}__{service}ServiceUri"]);
        }

        Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
        Assert.Equal($"[string(reference('{IdentityId}', '2024-11-30').clientId)]", settings[$"{connection}__clientId"]);
        Assert.DoesNotContain(connection, settings.Keys);
    }

    [Fact]
    public void No_setting_carries_a_connection_string_key_or_secret()
    {
        var settings = Settings;
        string[] secretMarkers = ["AccountKey", "SharedAccessSignature", "sig=", "listKeys", "listAccountSas", "DefaultEndpointsProtocol", "InstrumentationKey=", "password", "secret"];

        // The Application Insights connection string only routes telemetry: ingestion needs Entra ID (local auth off).
        Assert.All(
            settings.Keys.Where(name => name != "APPLICATIONINSIGHTS_CONNECTION_STRING"),
            name => Assert.DoesNotContain("connection", name, StringComparison.OrdinalIgnoreCase));
        Assert.All(settings, setting => Assert.All(
            secretMarkers, marker => Assert.DoesNotContain(marker, setting.Value, StringComparison.OrdinalIgnoreCase)));
        Assert.Null(Site["properties"]!["siteConfig"]!["connectionStrings"]);
    }

    [Fact]
    public void Compiled_template_lists_no_keys_and_takes_no_secure_parameters()
    {
        var text = infra.Arm.ToJsonString();

        Assert.DoesNotContain("listKeys(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listAccountSas(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listServiceSas(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"securestring\"", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"secureObject\"", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Telemetry_is_sent_with_the_identity_and_keys_are_kept_in_key_vault()
    {
        var settings = Settings;
        var vaultId = (string)infra.WithoutOperator.Find("Microsoft.KeyVault/vaults", "kv-pipe-")["id"]!;

        Assert.Equal(
            $"[string(format('ClientId={{0}};Authorization=AAD', reference('{IdentityId}', '2024-11-30').clientId))]",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("keyvault", settings["AzureWebJobsSecretStorageType"]);
        Assert.Equal($"[string(reference('{vaultId}', '2025-05-01').vaultUri)]", settings["AzureWebJobsSecretStorageKeyVaultUri"]);
        Assert.Equal($"[string(reference('{IdentityId}', '2024-11-30').clientId)]", settings["AzureWebJobsSecretStorageKeyVaultClientId"]);
    }

    [Fact]
    public void Every_pipeline_setting_of_the_local_sample_is_set_with_the_same_default()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(infra.RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();
        var settings = Settings;
        // Per-tenant overrides (Pipeline__Tenants__{tenant}__…) are examples in the sample, not app-wide settings; the
        // sample's access mode is the local one (None), which Azure never runs (AccessAndNetworkTests).
        var pipelineSettings = sample
            .Where(pair => pair.Key.StartsWith("Pipeline__", StringComparison.Ordinal) && !pair.Key.StartsWith("Pipeline__Tenants__", StringComparison.Ordinal))
            .Where(pair => pair.Key != "Pipeline__Auth__Mode")
            .ToList();

        Assert.NotEmpty(pipelineSettings);
        Assert.All(pipelineSettings, pair => Assert.Equal((string?)pair.Value, settings.GetValueOrDefault(pair.Key)));
    }

    [Fact]
    public void App_runs_dotnet_isolated_10_on_flex_consumption_with_the_scale_parameters()
    {
        var plan = infra.WithoutOperator.Find("Microsoft.Web/serverfarms", "plan-pipeline-");
        var site = Site;
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal(2048, (int)config["scaleAndConcurrency"]!["instanceMemoryMB"]!);
        Assert.Equal(100, (int)config["scaleAndConcurrency"]!["maximumInstanceCount"]!);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", Settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", Settings.Keys);
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity_only_with_basic_publishing_off()
    {
        var identity = Site["identity"]!;
        var policies = infra.WithoutOperator.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Equal([IdentityId], identity["userAssignedIdentities"]!.AsObject().Select(pair => pair.Key));
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }
}
