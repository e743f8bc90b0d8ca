using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pipeline.LocalHost.Tests;

/// <summary>The built local host run as its own process (<c>dotnet Pipeline.LocalHost.dll</c>), as run.sh and process managers run it.</summary>
/// <remarks>
/// It gets this process's environment minus every variable that says where to listen, plus the given ones, and its
/// own containers and tables in Azurite; the close schedule is off. Its console output is kept for the test to read.
/// Disposing kills it.
/// </remarks>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly string[] ListenVariables =
    [
        "URLS", "ASPNETCORE_URLS", "DOTNET_URLS", "HTTP_PORTS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS",
        "HTTPS_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTPS_PORTS",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(Process process, string exportsContainer)
    {
        _process = process;
        ExportsContainer = exportsContainer;
    }

    /// <summary>The name of the host's own <c>exports</c> container in Azurite.</summary>
    public string ExportsContainer { get; }

    /// <summary>Null while the host runs; otherwise its exit code and output.</summary>
    public string? Problem => _process.HasExited ? $"The local host exited with code {_process.ExitCode}:{Environment.NewLine}{Output}" : null;

    /// <summary>The host's peak working set so far, in bytes: the kernel's high-water mark (<c>VmHWM</c> on Linux).</summary>
    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.PeakWorkingSet64;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LocalHostProcess Start(string storageConnectionString, IDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.LocalHost.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => ListenVariables.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        start.Environment["PipelineStorage"] = storageConnectionString;
        start.Environment["PipelineStorage__ExportsContainer"] = $"{prefix}-exports";
        start.Environment["PipelineStorage__LedgerContainer"] = $"{prefix}-ledger";
        start.Environment["PipelineStorage__ReportsContainer"] = $"{prefix}-reports";
        start.Environment["PipelineStorage__ClosesContainer"] = $"{prefix}-closes";
        start.Environment["PipelineStorage__ImportsTable"] = $"{prefix}Imports";
        start.Environment["PipelineStorage__ClosesTable"] = $"{prefix}Closes";
        start.Environment["PipelineStorage__KpiSnapshotsTable"] = $"{prefix}KpiSnapshots";
        start.Environment["PipelineStorage__CloseAuditTable"] = $"{prefix}CloseAudit";
        start.Environment["PipelineStorage__CloseFiguresTable"] = $"{prefix}CloseFigures";
        start.Environment["LocalHost__RunCloseSchedule"] = "false";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var host = new LocalHostProcess(new Process { StartInfo = start }, $"{prefix}-exports");
        host._process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls <paramref name="url"/> until it answers (bounded: 60 s) and returns the status; fails when the host exits first.</summary>
    public async Task<HttpStatusCode> WaitForAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(_process.HasExited, $"The local host exited with code {(_process.HasExited ? _process.ExitCode : 0)}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync(url);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException($"{url} did not answer within 60 s. The host's output:{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
