using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

/// <summary>
/// <c>infra/main.bicep</c> compiled once per test run: the ARM JSON of <c>bicep build</c>, and the resources a
/// deployment would create (<c>bicep snapshot</c>, which evaluates every expression it can offline) with and
/// without an operator principal.
/// </summary>
public sealed class InfraTemplate : IDisposable
{
    public const string SubscriptionId = "11111111-2222-3333-4444-555555555555";
    public const string ResourceGroup = "rg-pipeline-test";
    public const string OperatorPrincipalId = "00000000-0000-0000-0000-0000000000aa";
    public const string EntraClientId = "00000000-0000-0000-0000-0000000000bb";
    public const string OperatorAddress = "203.0.113.7";
    public const string AcmeKeyHash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private readonly string _scratch = Directory.CreateTempSubdirectory("pipeline-infra-tests-").FullName;

    public InfraTemplate()
    {
        RepositoryRoot = FindRepositoryRoot();
        InfraDirectory = Path.Combine(RepositoryRoot, "infra");
        MainBicep = Path.Combine(InfraDirectory, "main.bicep");

        Build = BicepCli.Run(InfraDirectory, "build", MainBicep, "--stdout");
        Arm = Build.ExitCode == 0 ? JsonNode.Parse(Build.Output)!.AsObject() : new JsonObject();
        WithOperator = Snapshot("with-operator", $"param principalId = '{OperatorPrincipalId}'");
        WithoutOperator = Snapshot("without-operator", "param principalId = ''");
        WithSignIn = Snapshot(
            "with-sign-in",
            $"param entraClientId = '{EntraClientId}'\nparam allowedIpAddresses = ['{OperatorAddress}']\nparam readKeyHashes = {{ 'acme__powerbi_finance': '{AcmeKeyHash}' }}");
        WithoutNetworkIsolation = Snapshot("without-network-isolation", "param networkIsolation = false");
    }

    public string RepositoryRoot { get; }

    public string InfraDirectory { get; }

    public string MainBicep { get; }

    public BicepResult Build { get; }

    /// <summary>The compiled ARM template.</summary>
    public JsonObject Arm { get; }

    public PredictedDeployment WithOperator { get; }

    public PredictedDeployment WithoutOperator { get; }

    /// <summary>With an Entra app registration, an operator's address and one read-key hash (tenant acme).</summary>
    public PredictedDeployment WithSignIn { get; }

    /// <summary>With <c>networkIsolation = false</c>: no virtual network, storage and Key Vault open to every network.</summary>
    public PredictedDeployment WithoutNetworkIsolation { get; }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private PredictedDeployment Snapshot(string name, string principalLine)
    {
        // A .bicepparam must name its template by a relative path.
        var parameters = Path.Combine(_scratch, name + ".bicepparam");
        var relative = Path.GetRelativePath(_scratch, MainBicep).Replace('\\', '/');
        File.WriteAllText(parameters, $"using '{relative}'\nparam environmentName = 'test'\n{principalLine}\n");
        var result = BicepCli.Run(
            _scratch, "snapshot", parameters,
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "westeurope");
        var file = Path.Combine(_scratch, name + ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(file))
        {
            throw new InvalidOperationException($"bicep snapshot failed ({result.ExitCode}): {result.Output}{result.Error}");
        }

        return new PredictedDeployment(JsonNode.Parse(File.ReadAllText(file))!.AsObject());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))
                && File.Exists(Path.Combine(directory.FullName, "infra", "main.bicep")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Pipeline.sln with infra/main.bicep) was not found.");
    }
}

/// <summary>The resources of a <c>bicep snapshot</c>, every nested module flattened.</summary>
public sealed class PredictedDeployment(JsonObject snapshot)
{
    public IReadOnlyList<JsonObject> Resources { get; } =
        snapshot["predictedResources"]!.AsArray().Select(resource => resource!.AsObject()).ToList();

    public JsonObject Outputs { get; } = snapshot["outputs"]!.AsObject();

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(resource => (string?)resource["type"] == type).ToList();

    public JsonObject Find(string type, string namePrefix) =>
        Resources.Single(resource => (string?)resource["type"] == type
            && ((string?)resource["name"])!.StartsWith(namePrefix, StringComparison.Ordinal));
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraTemplate>
{
    public const string Name = "infra";
}
