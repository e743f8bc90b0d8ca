namespace Pipeline.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class PlatformTests(InfraTemplate infra)
{
    [Fact]
    public void Bicep_build_compiles_without_any_diagnostic()
    {
        Assert.Equal(0, infra.Build.ExitCode);
        Assert.Equal(string.Empty, infra.Build.Error.Trim());
        Assert.Contains("deploymentTemplate.json", (string?)infra.Arm["$schema"], StringComparison.Ordinal);
    }

    [Fact]
    public void Bicep_lint_reports_nothing()
    {
        var lint = BicepCli.Run(infra.InfraDirectory, "lint", infra.MainBicep);

        Assert.Equal(0, lint.ExitCode);
        Assert.Equal(string.Empty, (lint.Output + lint.Error).Trim());
    }

    [Fact]
    public void Application_insights_takes_only_entra_authenticated_telemetry_into_the_workspace()
    {
        var component = infra.WithoutOperator.Find("Microsoft.Insights/components", "appi-pipeline-")["properties"]!;
        var workspace = (string?)infra.WithoutOperator.Find("Microsoft.OperationalInsights/workspaces", "log-pipeline-")["id"];

        Assert.True((bool)component["DisableLocalAuth"]!);
        Assert.Equal(workspace, (string?)component["WorkspaceResourceId"]);
        Assert.Equal("LogAnalytics", (string?)component["IngestionMode"]);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_keeps_deleted_keys_recoverable()
    {
        var vault = infra.WithoutOperator.Find("Microsoft.KeyVault/vaults", "kv-pipe-")["properties"]!;

        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.True((bool)vault["enableSoftDelete"]!);
        Assert.True((bool)vault["enablePurgeProtection"]!);
        Assert.Equal(90, (int)vault["softDeleteRetentionInDays"]!);
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public void Event_grid_topic_publishes_the_data_accounts_events_and_dead_letters_as_the_identity()
    {
        var topic = infra.WithoutOperator.Find("Microsoft.EventGrid/systemTopics", "evgt-pipeline-");
        var data = (string?)infra.WithoutOperator.Find("Microsoft.Storage/storageAccounts", "stdata")["id"];
        var identity = (string)infra.WithoutOperator.Find("Microsoft.ManagedIdentity/userAssignedIdentities", "id-pipeline-")["id"]!;

        Assert.Equal(data, (string?)topic["properties"]!["source"]);
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Equal("UserAssigned", (string?)topic["identity"]!["type"]);
        Assert.Equal([identity], topic["identity"]!["userAssignedIdentities"]!.AsObject().Select(pair => pair.Key));
    }

    [Fact]
    public void Outputs_give_the_post_deploy_script_every_name_it_reads()
    {
        string[] needed =
        [
            "resourceGroupName", "functionAppName", "functionAppHostName", "ingestFunctionName", "dataStorageAccountName",
            "dataStorageAccountId", "exportsContainerName", "deadLetterContainerName", "identityId", "identityClientId",
            "keyVaultName", "keyVaultUri", "systemTopicName", "applicationInsightsName",
        ];
        var outputs = infra.WithoutOperator.Outputs;

        Assert.All(needed, name => Assert.True(outputs.ContainsKey(name), $"missing output {name}"));
        Assert.Equal("IngestExportFunction", (string?)outputs["ingestFunctionName"]);
        Assert.Equal("exports", (string?)outputs["exportsContainerName"]);
        Assert.Equal("eventgrid-deadletter", (string?)outputs["deadLetterContainerName"]);
        Assert.Equal(InfraTemplate.ResourceGroup, (string?)outputs["resourceGroupName"]);
    }
}
