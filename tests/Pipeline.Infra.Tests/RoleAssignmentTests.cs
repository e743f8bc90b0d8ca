using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(InfraTemplate infra)
{
    private const string Assignments = "Microsoft.Authorization/roleAssignments";
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string QueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string TableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string SecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void Every_role_assignment_belongs_to_the_user_assigned_identity_when_no_operator_is_given()
    {
        var identityPrincipal = $"[reference('{IdentityId(infra.WithoutOperator)}', '2024-11-30').principalId]";
        var assignments = infra.WithoutOperator.OfType(Assignments);

        Assert.Equal(8, assignments.Count);
        Assert.All(assignments, assignment =>
        {
            Assert.Equal(identityPrincipal, (string?)assignment["properties"]!["principalId"]);
            Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        });
    }

    [Fact]
    public void Identity_gets_each_role_on_the_one_resource_that_needs_it()
    {
        var deployment = infra.WithoutOperator;
        var expected = new[]
        {
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stdata"), BlobDataOwner),
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stdata"), QueueDataContributor),
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stdata"), TableDataContributor),
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stfunc"), BlobDataOwner),
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stfunc"), QueueDataContributor),
            (Resource(deployment, "Microsoft.Storage/storageAccounts", "stfunc"), TableDataContributor),
            (Resource(deployment, "Microsoft.Insights/components", "appi-pipeline-"), MetricsPublisher),
            (Resource(deployment, "Microsoft.KeyVault/vaults", "kv-pipe-"), SecretsOfficer),
        };

        var actual = deployment.OfType(Assignments).Select(assignment => (Scope(assignment), Role(assignment))).ToList();

        Assert.Equal(expected.Order(), actual.Order());
    }

    [Fact]
    public void Identity_can_send_and_receive_close_fan_out_messages_on_the_data_account()
    {
        // The close timer's queue output and the closes queue trigger use connection PipelineStorage: the data account.
        var deployment = infra.WithoutOperator;
        var identityPrincipal = $"[reference('{IdentityId(deployment)}', '2024-11-30').principalId]";
        var data = Resource(deployment, "Microsoft.Storage/storageAccounts", "stdata");

        var queueRoles = deployment.OfType(Assignments)
            .Where(assignment => Role(assignment) == QueueDataContributor && Scope(assignment) == data)
            .Select(assignment => (string?)assignment["properties"]!["principalId"]);

        Assert.Equal([identityPrincipal], queueRoles);
    }

    [Fact]
    public void An_operator_gets_data_and_key_vault_roles_of_its_own_and_the_identity_keeps_the_rest()
    {
        var deployment = infra.WithOperator;
        var identityPrincipal = $"[reference('{IdentityId(deployment)}', '2024-11-30').principalId]";
        var assignments = deployment.OfType(Assignments);
        var operatorAssignments = assignments
            .Where(assignment => (string?)assignment["properties"]!["principalId"] == InfraTemplate.OperatorPrincipalId).ToList();
        var data = Resource(deployment, "Microsoft.Storage/storageAccounts", "stdata");
        var vault = Resource(deployment, "Microsoft.KeyVault/vaults", "kv-pipe-");

        Assert.Equal(12, assignments.Count);
        Assert.Equal(8, assignments.Count(assignment => (string?)assignment["properties"]!["principalId"] == identityPrincipal));
        Assert.Equal(
            new[] { (data, BlobDataContributor), (data, QueueDataContributor), (data, TableDataContributor), (vault, SecretsOfficer) }.Order(),
            operatorAssignments.Select(assignment => (Scope(assignment), Role(assignment))).Order());
        Assert.All(operatorAssignments, assignment => Assert.Equal("User", (string?)assignment["properties"]!["principalType"]));
    }

    private static string IdentityId(PredictedDeployment deployment) =>
        (string)deployment.Find("Microsoft.ManagedIdentity/userAssignedIdentities", "id-pipeline-")["id"]!;

    private static string Resource(PredictedDeployment deployment, string type, string prefix) => (string)deployment.Find(type, prefix)["id"]!;

    private static string Role(JsonObject assignment) => ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];

    /// <summary>The resource an assignment is scoped to, from its id (evaluated or an <c>extensionResourceId</c> call).</summary>
    private static string Scope(JsonObject assignment)
    {
        var id = (string)assignment["id"]!;
        const string Extension = "[extensionResourceId('";
        if (id.StartsWith(Extension, StringComparison.Ordinal))
        {
            return id[Extension.Length..id.IndexOf('\'', Extension.Length)];
        }

        var marker = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal);
        Assert.True(marker > 0, $"Unexpected role assignment id: {id}");
        return id[..marker];
    }
}
