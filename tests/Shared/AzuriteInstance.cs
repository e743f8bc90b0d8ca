using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.Testing;

/// <summary>A real Azurite (blob, queue, table) for a test assembly, started on free loopback ports.</summary>
/// <remarks>
/// <para>
/// Share one per assembly through <see cref="AzuriteCollection"/>: mark a test class
/// <c>[Collection(AzuriteCollection.Name)]</c> and take an <see cref="AzuriteInstance"/> in its constructor. Tests
/// isolate themselves with their own container and table names (<see cref="UniqueName"/>) or tenants.
/// </para>
/// <para>
/// When the <c>PIPELINE_TEST_STORAGE</c> environment variable is set it is used as the connection string and
/// nothing is started. Otherwise Azurite comes from <c>node_modules/.bin/azurite</c> (installed by <c>npm install</c>
/// at the repository root), found by walking up from the test binaries, and runs in memory until disposal.
/// </para>
/// </remarks>
public sealed class AzuriteInstance : IAsyncLifetime
{
    public const string EnvironmentVariable = "PIPELINE_TEST_STORAGE";

    private const string AccountName = "devstoreaccount1";

    // The documented, public Azurite development key: not a secret.
    private const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 3;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <summary>The storage connection string (blob, queue and table endpoints) of this instance.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// The <c>PipelineStorage</c> settings of a host on this Azurite whose containers and tables all start with
    /// <paramref name="prefix"/>, so hosts and tests sharing the instance never see each other's data.
    /// </summary>
    public Dictionary<string, string?> StorageSettings(string prefix) => StorageSettings(ConnectionString, prefix);

    /// <summary>As <see cref="StorageSettings(string)"/>, for any storage connection string.</summary>
    public static Dictionary<string, string?> StorageSettings(string connectionString, string prefix) => new()
    {
        ["PipelineStorage"] = connectionString,
        ["PipelineStorage:ExportsContainer"] = $"{prefix}-exports",
        ["PipelineStorage:LedgerContainer"] = $"{prefix}-ledger",
        ["PipelineStorage:ReportsContainer"] = $"{prefix}-reports",
        ["PipelineStorage:ClosesContainer"] = $"{prefix}-closes",
        ["PipelineStorage:ImportsTable"] = $"{prefix}Imports",
        ["PipelineStorage:ClosesTable"] = $"{prefix}Closes",
        ["PipelineStorage:KpiSnapshotsTable"] = $"{prefix}KpiSnapshots",
        ["PipelineStorage:CloseAuditTable"] = $"{prefix}CloseAudit",
        ["PipelineStorage:CloseFiguresTable"] = $"{prefix}CloseFigures",
    };

    /// <summary>A fresh name that is valid both as a container name and as a table name: <paramref name="prefix"/> + 12 hex digits.</summary>
    /// <param name="prefix">Lower-case letters, starting the name (for example <c>ledger</c>).</param>
    public static string UniqueName(string prefix) =>
        string.Concat(prefix, Guid.NewGuid().ToString("N").AsSpan(0, 12));

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        var executable = FindExecutable() ?? throw new InvalidOperationException(
            $"Azurite is not installed: run npm install at the repository root (no node_modules/.bin/azurite above " +
            $"{AppContext.BaseDirectory}), or set {EnvironmentVariable} to a storage connection string.");
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts(3);
            _process = Start(executable, ports);
            if (await WaitUntilListeningAsync(_process, ports))
            {
                ConnectionString = BuildConnectionString(ports);
                return;
            }

            var exitCode = _process.ExitCode;
            await StopAsync();
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {exitCode} before listening ({attempt} attempts); check that Node.js is on the PATH " +
                    $"and run npm install at the repository root. Its output:{Environment.NewLine}{Log()}");
            }

            // Most likely another process took a port between probing and binding: try fresh ones.
        }
    }

    public Task DisposeAsync() => StopAsync();

    private static string? FindExecutable()
    {
        var name = OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", ".bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }

    private Process Start(string executable, int[] ports)
    {
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] arguments =
        [
            "--silent", "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", Invariant(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Invariant(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Invariant(ports[2]),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once every port accepts connections; false when Azurite exits first (a port was taken).</summary>
    private async Task<bool> WaitUntilListeningAsync(Process process, int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            if (await AllAcceptAsync(ports))
            {
                return true;
            }

            await Task.Delay(100);
        }

        await StopAsync();
        throw new InvalidOperationException(
            $"Azurite did not listen on ports {string.Join(", ", ports)} within {StartTimeout.TotalSeconds} s. Its output:{Environment.NewLine}{Log()}");
    }

    private static async Task<bool> AllAcceptAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        // Also waits for the redirected output to be read to its end, so Log() is complete.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);

        _process.Dispose();
        _process = null;
    }

    private static string BuildConnectionString(int[] ports) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports[0]}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{ports[1]}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{ports[2]}/{AccountName};");

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private static string Invariant(int port) => port.ToString(CultureInfo.InvariantCulture);
}
