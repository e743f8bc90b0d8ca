using System.Text.Json.Nodes;
using Pipeline.Storage;

namespace Pipeline.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageAccountTests(InfraTemplate infra)
{
    private const string Accounts = "Microsoft.Storage/storageAccounts";

    [Theory]
    [InlineData("stdata")]
    [InlineData("stfunc")]
    public void Account_refuses_shared_keys_anonymous_blobs_and_old_tls(string prefix)
    {
        var properties = infra.WithoutOperator.Find(Accounts, prefix)["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public void Template_creates_exactly_the_data_and_host_accounts()
    {
        var names = infra.WithoutOperator.OfType(Accounts).Select(account => ((string?)account["name"])![..6]).Order();

        Assert.Equal(["stdata", "stfunc"], names);
    }

    [Fact]
    public void Data_account_versions_blobs_and_keeps_deleted_blobs_and_containers_for_30_days()
    {
        var properties = infra.WithoutOperator.Find(Accounts + "/blobServices", "stdata")["properties"]!;

        Assert.True((bool)properties["isVersioningEnabled"]!);
        Assert.True((bool)properties["deleteRetentionPolicy"]!["enabled"]!);
        Assert.Equal(30, (int)properties["deleteRetentionPolicy"]!["days"]!);
        Assert.True((bool)properties["containerDeleteRetentionPolicy"]!["enabled"]!);
        Assert.Equal(30, (int)properties["containerDeleteRetentionPolicy"]!["days"]!);
    }

    [Fact]
    public void Data_account_has_the_app_containers_and_tables_under_the_names_the_app_reads()
    {
        var options = new PipelineStorageOptions();
        var data = infra.WithoutOperator.Resources.Where(resource => ((string?)resource["name"])!.StartsWith("stdata", StringComparison.Ordinal)).ToList();
        var containers = data.Where(resource => (string?)resource["type"] == Accounts + "/blobServices/containers").ToList();
        var tables = data.Where(resource => (string?)resource["type"] == Accounts + "/tableServices/tables")
            .Select(table => LastSegment(table)).Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { options.ClosesContainer, "eventgrid-deadletter", options.ExportsContainer, options.LedgerContainer, options.ReportsContainer }
                .Order(StringComparer.Ordinal),
            containers.Select(LastSegment).Order(StringComparer.Ordinal));
        Assert.All(containers, container => Assert.Equal("None", (string?)container["properties"]!["publicAccess"]));
        Assert.Equal(
            new[] { options.CloseAuditTable, options.CloseFiguresTable, options.ClosesTable, options.ImportsTable, options.KpiSnapshotsTable }.Order(StringComparer.Ordinal),
            tables);
    }

    [Fact]
    public void Data_account_has_the_close_fan_out_queue_and_its_poison_queue()
    {
        // The names of CloseTenantMessage.QueueName and PoisonQueueName (Pipeline.Functions.Tests pins them in functions.metadata).
        var queues = infra.WithoutOperator.OfType(Accounts + "/queueServices/queues");

        Assert.Equal(["closes", "closes-poison"], queues.Select(LastSegment).Order(StringComparer.Ordinal));
        Assert.All(queues, queue => Assert.StartsWith("stdata", (string?)queue["name"], StringComparison.Ordinal));
    }

    [Fact]
    public void Data_account_is_locked_against_deletion()
    {
        var locks = infra.WithoutOperator.OfType("Microsoft.Authorization/locks");

        var only = Assert.Single(locks);
        Assert.StartsWith("stdata", (string?)only["name"], StringComparison.Ordinal);
        Assert.Equal("CanNotDelete", (string?)only["properties"]!["level"]);
    }

    [Fact]
    public void Function_app_deploys_from_the_host_accounts_package_container_with_the_identity()
    {
        var identityId = (string?)infra.WithoutOperator.Find("Microsoft.ManagedIdentity/userAssignedIdentities", "id-pipeline-")["id"];
        var hostAccount = (string?)infra.WithoutOperator.Find(Accounts, "stfunc")["name"];
        var container = infra.WithoutOperator.Find(Accounts + "/blobServices/containers", "stfunc");
        var storage = infra.WithoutOperator.Find("Microsoft.Web/sites", "func-pipeline-")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal($"{hostAccount}/default/app-package", (string?)container["name"]);
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Contains($"/storageAccounts/{hostAccount}'", (string?)storage["value"], StringComparison.Ordinal);
        Assert.EndsWith("app-package')]", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(identityId, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
    }

    private static string LastSegment(JsonObject resource) => ((string?)resource["name"])!.Split('/')[^1];
}
