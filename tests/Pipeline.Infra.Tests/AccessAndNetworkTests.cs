namespace Pipeline.Infra.Tests;

/// <summary>
/// Hardening item 10 in the template: the app runs the API in EasyAuth mode behind App Service Authentication when an
/// app registration is given, read keys are hashes in app settings, no function key is handed out, and storage and
/// Key Vault refuse every network but the app's subnet and the operators' addresses.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class AccessAndNetworkTests(InfraTemplate infra)
{
    private const string Sites = "Microsoft.Web/sites";
    private const string AuthSettings = "Microsoft.Web/sites/config";

    public static TheoryData<string, string> Firewalled => new()
    {
        { "Microsoft.Storage/storageAccounts", "stdata" },
        { "Microsoft.Storage/storageAccounts", "stfunc" },
        { "Microsoft.KeyVault/vaults", "kv-pipe-" },
    };

    [Fact]
    public void Api_always_runs_in_EasyAuth_mode_and_has_no_read_key_until_one_is_given()
    {
        var settings = Settings(infra.WithoutOperator);

        Assert.Equal("EasyAuth", settings["Pipeline__Auth__Mode"]);
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("Pipeline__Auth__ReadKeys__", StringComparison.Ordinal));
        Assert.Empty(infra.WithoutOperator.OfType(AuthSettings));
    }

    [Fact]
    public void Read_key_hashes_become_one_setting_per_tenant_and_consumer()
    {
        var settings = Settings(infra.WithSignIn);

        Assert.Equal(InfraTemplate.AcmeKeyHash, settings["Pipeline__Auth__ReadKeys__acme__powerbi_finance"]);
        Assert.Equal("EasyAuth", settings["Pipeline__Auth__Mode"]);
    }

    [Fact]
    public void With_an_app_registration_easy_auth_validates_its_tokens_and_leaves_the_decision_to_the_app()
    {
        var auth = Assert.Single(infra.WithSignIn.OfType(AuthSettings));
        var properties = auth["properties"]!;
        var entra = properties["identityProviders"]!["azureActiveDirectory"]!;

        Assert.EndsWith("/authsettingsV2", (string?)auth["name"], StringComparison.Ordinal);
        Assert.True((bool)properties["platform"]!["enabled"]!);
        // Read keys and the Event Grid webhook come without a token on paths people use too: the app decides (401/403).
        Assert.False((bool)properties["globalValidation"]!["requireAuthentication"]!);
        Assert.Equal("AllowAnonymous", (string?)properties["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.True((bool)properties["httpSettings"]!["requireHttps"]!);
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal(InfraTemplate.EntraClientId, (string?)entra["registration"]!["clientId"]);
        Assert.Contains("/v2.0", (string?)entra["registration"]!["openIdIssuer"], StringComparison.Ordinal);
        Assert.Null(entra["registration"]!["clientSecretSettingName"]);
        Assert.Equal([$"api://{InfraTemplate.EntraClientId}"], entra["validation"]!["allowedAudiences"]!.AsArray().Select(audience => (string?)audience));
        Assert.False((bool)properties["login"]!["tokenStore"]!["enabled"]!);
    }

    [Theory]
    [MemberData(nameof(Firewalled))]
    public void Storage_and_key_vault_refuse_every_network_but_the_apps_subnet_and_the_operators_addresses(string type, string prefix)
    {
        var acls = infra.WithSignIn.Find(type, prefix)["properties"]!["networkAcls"]!;

        Assert.Equal("Deny", (string?)acls["defaultAction"]);
        Assert.Equal("AzureServices", (string?)acls["bypass"]);
        Assert.Equal([InfraTemplate.OperatorAddress], acls["ipRules"]!.AsArray().Select(rule => (string?)rule!["value"]));
        var subnetRule = Assert.Single(acls["virtualNetworkRules"]!.AsArray());
        Assert.Contains("vnet-pipeline-", (string?)subnetRule!["id"], StringComparison.Ordinal);
        Assert.EndsWith(".subnets[0].id]", (string?)subnetRule["id"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Firewalled))]
    public void Without_network_isolation_the_firewalls_allow_and_no_network_is_created(string type, string prefix)
    {
        var acls = infra.WithoutNetworkIsolation.Find(type, prefix)["properties"]!["networkAcls"]!;

        Assert.Equal("Allow", (string?)acls["defaultAction"]);
        Assert.Empty(infra.WithoutNetworkIsolation.OfType("Microsoft.Network/virtualNetworks"));
        Assert.Null(infra.WithoutNetworkIsolation.Find(Sites, "func-pipeline-")["properties"]!["virtualNetworkSubnetId"]);
    }

    [Fact]
    public void App_is_integrated_into_a_subnet_delegated_to_flex_consumption_with_storage_and_key_vault_endpoints()
    {
        var vnet = Assert.Single(infra.WithoutOperator.OfType("Microsoft.Network/virtualNetworks"));
        var subnet = Assert.Single(vnet["properties"]!["subnets"]!.AsArray())!;
        var site = infra.WithoutOperator.Find(Sites, "func-pipeline-");

        Assert.Equal("Microsoft.App/environments", (string?)Assert.Single(subnet["properties"]!["delegations"]!.AsArray())!["properties"]!["serviceName"]);
        Assert.Equal(
            ["Microsoft.KeyVault", "Microsoft.Storage"],
            subnet["properties"]!["serviceEndpoints"]!.AsArray().Select(endpoint => (string?)endpoint!["service"]).Order(StringComparer.Ordinal));
        Assert.Contains("vnet-pipeline-", (string?)site["properties"]!["virtualNetworkSubnetId"], StringComparison.Ordinal);
    }

    [Fact]
    public void Post_deploy_hands_out_tenant_read_keys_never_a_function_key()
    {
        var script = File.ReadAllText(Path.Combine(infra.InfraDirectory, "scripts", "post-deploy.sh"));

        Assert.DoesNotContain("--key-type functionKeys", script, StringComparison.Ordinal);
        Assert.DoesNotContain("az functionapp keys set", script, StringComparison.Ordinal);
        Assert.Contains("Pipeline__Auth__ReadKeys__", script, StringComparison.Ordinal);
        Assert.Contains("sha256sum", script, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Settings(PredictedDeployment deployment) =>
        deployment.Find(Sites, "func-pipeline-")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string)setting!["value"]!, StringComparer.Ordinal);
}
