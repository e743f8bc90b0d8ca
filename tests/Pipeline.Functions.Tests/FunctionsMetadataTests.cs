using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Functions.Tests;

/// <summary>
/// What the Functions host will index: the <c>functions.metadata</c> the worker SDK generated for the app as built,
/// checked against the one table below, and the README's API and Functions tables checked against that same table.
/// </summary>
/// <remarks>
/// A function added, renamed or rebound (another route, method, key level, queue, connection or schedule setting)
/// fails <see cref="Metadata_EqualsTheTable"/> until this table says so, and then the README tests until the README
/// does: the three cannot drift apart.
/// </remarks>
public sealed partial class FunctionsMetadataTests
{
    private const string Data = "PipelineStorage";

    /// <summary>
    /// Who may call each HTTP function, as the app decides (<c>ApiAccess</c>): <c>anyone</c>, a <c>reader</c> of the
    /// route's tenant (a read key, or an Entra reader or operator role) or an <c>operator</c> of it (an Entra operator
    /// role). The Functions host lets every HTTP trigger through (<c>anonymous</c>): a function key would be host-wide.
    /// </summary>
    private static readonly Dictionary<string, string> Callers = new(StringComparer.Ordinal);

    /// <summary>Every function of the app: the one table.</summary>
    private static readonly FunctionRow[] Functions =
    [
        Http("Health", "GET health", "anyone"),
        Http("GetDashboard", "GET dashboard/{*path}", "anyone"),
        Http("ListKpis", "GET tenants/{tenant}/kpis"),
        Http("GetKpis", "GET tenants/{tenant}/kpis/{month}"),
        Http("ListKpiVersions", "GET tenants/{tenant}/kpis/{month}/versions"),
        Http("ListCohorts", "GET tenants/{tenant}/cohorts"),
        Http("ListClv", "GET tenants/{tenant}/clv"),
        Http("ListClvForecast", "GET tenants/{tenant}/clv/forecast"),
        Http("ListClvPurchases", "GET tenants/{tenant}/clv/purchases"),
        Http("ListCustomers", "GET tenants/{tenant}/customers"),
        Http("GetCustomer", "GET tenants/{tenant}/customers/{id}"),
        Http("ListReceivables", "GET tenants/{tenant}/receivables"),
        Http("ListLoyalty", "GET tenants/{tenant}/loyalty"),
        Http("ListMovements", "GET tenants/{tenant}/movements/{month}"),
        Http("ListPayments", "GET tenants/{tenant}/payments"),
        Http("ListImports", "GET tenants/{tenant}/imports"),
        Http("GetImport", "GET tenants/{tenant}/imports/{id}"),
        Http("ListImportErrors", "GET tenants/{tenant}/imports/{id}/errors"),
        Http("UploadExport", "PUT tenants/{tenant}/exports/{fileName}", "operator"),
        Http("ListCloses", "GET tenants/{tenant}/closes"),
        Http("CloseMonth", "POST tenants/{tenant}/closes/{month}", "operator"),
        Http("GetClose", "GET tenants/{tenant}/closes/{month}"),
        Http("ReopenMonth", "POST tenants/{tenant}/closes/{month}/reopen", "operator"),
        Http("BreakCloseLease", "DELETE tenants/{tenant}/closes/lease", "operator"),
        new("IngestExportFunction", "blobTrigger", "exports/{name}", Data, Options: "source=EventGrid"),
        new("SweepExportsFunction", "timerTrigger", "0 30 1 * * *", Options: "useMonitor=true runOnStartup=false"),
        new("CloseMonthsFunction", "timerTrigger", "%Pipeline:CloseSchedule%", Options: "useMonitor=true runOnStartup=false",
            Output: $"Out queue closes via {Data}"),
        new("CloseTenantFunction", "queueTrigger", "closes", Data),
        new("DrainPoisonBlobsFunction", "queueTrigger", "webjobs-blobtrigger-poison", Data),
        new("DrainPoisonClosesFunction", "queueTrigger", "closes-poison", Data),
    ];

    [Fact]
    public void Metadata_EqualsTheTable()
    {
        var generated = FunctionsMetadata.Load().Select(function => function.Row);

        Assert.Equal(Functions.OrderBy(row => row.Name, StringComparer.Ordinal), generated.OrderBy(row => row.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void EverySettingTheTriggersName_IsInTheLocalSettingsSample()
    {
        var sample = FunctionsWorker.SampleSettings();
        var named = Functions.Select(row => row.Connection)
            .Concat(Functions.Select(row => SettingInTarget().Match(row.Target)).Where(match => match.Success).Select(match => match.Groups["name"].Value))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["Pipeline:CloseSchedule", Data], named);
        Assert.All(named, setting => Assert.False(string.IsNullOrWhiteSpace(sample.GetValueOrDefault(setting)), $"{setting} is not in local.settings.sample.json"));
    }

    [Fact]
    public void ReadmeApiTable_ListsEveryHttpRouteAndMethod_AndSaysWhoMayCallIt()
    {
        var prefix = HostJsonRoutePrefix();
        var rows = ReadmeSection("## API").Where(line => ApiRow().IsMatch(line)).Select(line => ApiRow().Match(line)).ToList();
        var documented = rows.Select(match => $"{match.Groups["method"].Value} {match.Groups["path"].Value}").Distinct().Order(StringComparer.Ordinal);
        var callers = rows.Select(match => $"{match.Groups["method"].Value} {match.Groups["path"].Value} {match.Groups["who"].Value}").Distinct().Order(StringComparer.Ordinal);
        var http = Functions.Where(row => row.Trigger == "httpTrigger").ToList();

        Assert.Equal(
            http.Select(row => row.Target.Replace(" ", $" /{prefix}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            documented);
        Assert.Equal(
            http.Select(row => $"{row.Target.Replace(" ", $" /{prefix}/", StringComparison.Ordinal)} {Callers[row.Name]}").Order(StringComparer.Ordinal),
            callers);
        Assert.All(http, row => Assert.Equal("anonymous", row.Access));
    }

    [Fact]
    public void ReadmeFunctionsTable_NamesEveryFunction_AndTheDeployStepCountsThem()
    {
        var table = ReadmeSection("## Azure Functions").SkipWhile(line => !line.StartsWith("| Function |", StringComparison.Ordinal))
            .Skip(2).TakeWhile(line => line.StartsWith('|')).ToList();
        var named = table.SelectMany(line => FunctionName().Matches(line.Split('|')[1]).Select(match => match.Groups["name"].Value));
        var deploy = string.Join('\n', ReadmeSection("## Deploy to Azure"));

        Assert.Equal(Functions.Select(row => row.Name).Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
        Assert.Contains($"# the {Functions.Length} functions", deploy, StringComparison.Ordinal);
    }

    private static FunctionRow Http(string name, string route, string callers = "reader")
    {
        Callers[name] = callers;
        return new(name, "httpTrigger", route, Access: "anonymous");
    }

    /// <summary>Who may call each HTTP function (<see cref="Callers"/>), for the tests that call them.</summary>
    public static IReadOnlyDictionary<string, string> HttpCallers => Callers;

    /// <summary>The lines of a README section, from its heading to the next heading of the same level.</summary>
    private static List<string> ReadmeSection(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var level = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        return lines.SkipWhile(line => line != heading).Skip(1).TakeWhile(line => !line.StartsWith(level, StringComparison.Ordinal)).ToList();
    }

    private static string HostJsonRoutePrefix()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
    }

    [GeneratedRegex("^%(?<name>[^%]+)%$")]
    private static partial Regex SettingInTarget();

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/[^`?\s]+)[^`]*` \| (?<who>anyone|reader|operator) \|")]
    private static partial Regex ApiRow();

    [GeneratedRegex("`(?<name>[A-Za-z]+)`")]
    private static partial Regex FunctionName();
}
