using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Benchmarks;

/// <summary>
/// The built local host as a process of its own (<c>dotnet Pipeline.LocalHost.dll</c>, with its own runtime settings:
/// server GC, DATAS off), on a free loopback port, over containers and tables of its own in a running Azurite.
/// </summary>
/// <remarks>
/// A process of its own, so that the fuzz command can tell a host death from a refusal and measure the host's memory
/// alone (its peak working set is the kernel's high-water mark, <c>VmHWM</c>, read through
/// <see cref="Process.PeakWorkingSet64"/>). Its console output (warnings and errors only) is kept, the last 200 lines,
/// for when it dies. Disposing kills it.
/// </remarks>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _sampling = Task.CompletedTask;
    private long _peak;
    private DateTimeOffset? _exitedAt;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Null while the host runs; otherwise its exit code and last output lines.</summary>
    public string? Problem
    {
        get
        {
            if (!_process.HasExited)
            {
                return null;
            }

            lock (_output)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"the host exited with code {_process.ExitCode} at {_exitedAt:HH:mm:ss}Z; its last output:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");
            }
        }
    }

    /// <summary>The host's peak working set so far (bytes); kept after it exits.</summary>
    public long PeakWorkingSet
    {
        get
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.Refresh();
                    _peak = Math.Max(_peak, _process.PeakWorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the two calls; the last reading stands.
                }
            }

            return _peak;
        }
    }

    /// <summary>The host's working set now (bytes), 0 once it has exited.</summary>
    public long WorkingSet
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? 0 : _process.WorkingSet64;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    /// <summary>Starts the host and waits (bounded: 60 s) until <c>/api/health</c> answers.</summary>
    /// <param name="storageSettings">The <c>PipelineStorage</c> settings (connection string, container and table names), as <c>:</c>-separated keys.</param>
    /// <param name="settings">More settings, as <c>:</c>-separated keys.</param>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> storageSettings, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.LocalHost.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var name in start.Environment.Keys.Where(name => name.EndsWith("URLS", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("PORTS", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in storageSettings.Select(pair => (pair.Key, pair.Value)).Concat(settings.Select(pair => (pair.Key, (string?)pair.Value))))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var host = new HostProcess(new Process { StartInfo = start }, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
        host._process.OutputDataReceived += (_, line) => host.Append(line.Data);
        host._process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        host._sampling = host.SampleAsync();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>Reads the peak every 500 ms, so it is known even after the host died, and notes when it exited.</summary>
    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            _ = PeakWorkingSet;
            if (_process.HasExited)
            {
                _exitedAt ??= TimeProvider.System.GetUtcNow();
                return;
            }

            try
            {
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Problem is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        throw new TimeoutException("The local host did not answer /api/health within 60 s.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }
}
