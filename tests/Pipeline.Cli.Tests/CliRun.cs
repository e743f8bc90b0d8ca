namespace Pipeline.Cli.Tests;

/// <summary>What one run of the entry point printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
}

/// <summary>Runs <see cref="Program.RunAsync"/> over its own containers and tables in a running Azurite.</summary>
public sealed class CliRun : IDisposable
{
    private readonly string _prefix = "c" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "pipeline-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun(string? storageConnectionString)
    {
        ConnectionString = storageConnectionString;
        Settings = new Dictionary<string, string?>
        {
            ["PipelineStorage:ExportsContainer"] = $"{_prefix}-exports",
            ["PipelineStorage:LedgerContainer"] = $"{_prefix}-ledger",
            ["PipelineStorage:ReportsContainer"] = $"{_prefix}-reports",
            ["PipelineStorage:ClosesContainer"] = $"{_prefix}-closes",
            ["PipelineStorage:ImportsTable"] = $"{_prefix}Imports",
            ["PipelineStorage:ClosesTable"] = $"{_prefix}Closes",
            ["PipelineStorage:KpiSnapshotsTable"] = $"{_prefix}KpiSnapshots",
            ["PipelineStorage:CloseAuditTable"] = $"{_prefix}CloseAudit",
            ["PipelineStorage:CloseFiguresTable"] = $"{_prefix}CloseFigures",
            ["Pipeline:ReportingCurrency"] = "EUR",
            ["Pipeline:BusinessTimeZone"] = "UTC",
        };
        if (storageConnectionString is not null)
        {
            Settings["PipelineStorage"] = storageConnectionString;
        }
    }

    public string? ConnectionString { get; }

    public Dictionary<string, string?> Settings { get; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error, Settings);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Writes a local file to ingest and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        Directory.CreateDirectory(_workFolder);
        var path = Path.Combine(_workFolder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }
    }
}
