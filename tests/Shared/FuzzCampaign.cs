using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Testing;

/// <summary>How one fuzz file ended: its import's final status as the API lists it (null when it never got one).</summary>
public sealed record FuzzResult(
    int Number, string Tenant, string FileName, string Format, string Mutation, long Bytes, string? Status, string? ReasonCode, string? Reason, string? ImportId);

/// <summary>What a fuzz run saw: every file's outcome, the read traffic, the closes, and every broken invariant.</summary>
public sealed class FuzzOutcome
{
    /// <summary>One row per dropped file (baseline files included, with number −1).</summary>
    public List<FuzzResult> Results { get; } = [];

    /// <summary>Every broken invariant: a 5xx, a request the host did not answer, an import without a final status, the host gone.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Read requests by status code, during and after the ingest.</summary>
    public ConcurrentDictionary<int, int> ReadStatuses { get; } = new();

    /// <summary>
    /// Requests that got no answer within their timeout while the host's <c>/api/health</c> (which touches no storage)
    /// answered at once: the host was alive and waiting for storage. Counted apart from <see cref="Violations"/>; with
    /// Azurite, its blob garbage collection (every 10 minutes) stalls the whole emulator once it holds thousands of blobs.
    /// </summary>
    public ConcurrentQueue<string> StorageStalls { get; } = new();

    /// <summary>The close request of each tenant: its status code and the start of its body.</summary>
    public List<(string Tenant, int Status, string Body)> Closes { get; } = [];

    /// <summary>The largest import detail (<c>GET …/imports/{id}</c>) in bytes, and whose it was.</summary>
    public (long Bytes, string FileName) LargestReport { get; set; }

    /// <summary>When each import was completed (from its detail), to find the files that took the host longest.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> CompletedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The slowest read request, in milliseconds, and its path.</summary>
    public (double Milliseconds, string Path) SlowestRead { get; set; }

    /// <summary>From the first upload until every import had a final status.</summary>
    public TimeSpan IngestTime { get; set; }

    /// <summary>The whole run.</summary>
    public TimeSpan TotalTime { get; set; }

    /// <summary>The counts, one table per line group: status, format × status, mutation × status, reason codes, reads, closes, violations.</summary>
    public IEnumerable<string> Describe()
    {
        var fuzz = Results.Where(result => result.Number >= 0).ToList();
        string[] statuses = ["Accepted", "Rejected", "Failed", "Duplicate", "none"];
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{fuzz.Count:N0} fuzz files ({fuzz.Sum(result => result.Bytes) / (1024.0 * 1024.0):N1} MiB) and {Results.Count - fuzz.Count} baseline files; ingest {IngestTime.TotalSeconds:N0} s, whole run {TotalTime.TotalSeconds:N0} s");
        yield return "status: " + string.Join(", ", statuses.Select(status => string.Create(CultureInfo.InvariantCulture,
            $"{status} {fuzz.Count(result => (result.Status ?? "none") == status)}")));
        foreach (var line in Table("format", fuzz, result => result.Format, statuses))
        {
            yield return line;
        }

        foreach (var line in Table("mutation", fuzz, result => result.Mutation.Split('+')[0], statuses))
        {
            yield return line;
        }

        yield return "reason codes: " + string.Join(", ", fuzz.GroupBy(result => result.Status == "Accepted" ? "(accepted)" : result.ReasonCode ?? "(none)")
            .OrderByDescending(group => group.Count()).Select(group => string.Create(CultureInfo.InvariantCulture, $"{group.Key} {group.Count()}")));
        yield return string.Create(CultureInfo.InvariantCulture,
            $"reads: {ReadStatuses.Values.Sum():N0} requests, by status {string.Join(", ", ReadStatuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} {pair.Value}"))}; slowest {SlowestRead.Milliseconds:N0} ms ({SlowestRead.Path})");
        yield return StorageStalls.IsEmpty
            ? "requests that waited on storage past their timeout (host alive): none"
            : string.Create(CultureInfo.InvariantCulture,
                $"requests that waited on storage past their timeout while /api/health answered at once (host alive): {StorageStalls.Count}, the first {StorageStalls.First()}");
        yield return string.Create(CultureInfo.InvariantCulture, $"largest import detail: {LargestReport.Bytes:N0} bytes ({LargestReport.FileName})");
        var completions = CompletedAt.OrderBy(pair => pair.Value).ToList();
        var gaps = completions.Skip(1).Select((pair, index) => (pair.Key, Seconds: (pair.Value - completions[index].Value).TotalSeconds))
            .OrderByDescending(gap => gap.Seconds).Take(8);
        yield return "longest gaps between completions (the host ingests one file at a time): "
            + string.Join("; ", gaps.Select(gap => string.Create(CultureInfo.InvariantCulture, $"{gap.Seconds:N1} s before {gap.Key}")));
        yield return "closes: " + string.Join("; ", Closes.Select(close => string.Create(CultureInfo.InvariantCulture, $"{close.Tenant} {close.Status}")));
        yield return Violations.IsEmpty ? "violations: none" : string.Create(CultureInfo.InvariantCulture, $"violations: {Violations.Count}");
        var first = Violations.Where(violation => violation.StartsWith("host:", StringComparison.Ordinal))
            .Concat(Violations.Where(violation => !violation.StartsWith("host:", StringComparison.Ordinal)));
        foreach (var violation in first.Take(40))
        {
            yield return "  " + violation;
        }
    }

    private static IEnumerable<string> Table(string title, List<FuzzResult> results, Func<FuzzResult, string> key, string[] statuses)
    {
        var width = Math.Max(title.Length, results.Select(key).DefaultIfEmpty(string.Empty).Max(text => text.Length)) + 2;
        yield return string.Concat(title.PadRight(width), string.Concat(statuses.Select(status => status.PadLeft(10))), "     total");
        foreach (var group in results.GroupBy(key).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            yield return string.Concat(group.Key.PadRight(width),
                string.Concat(statuses.Select(status => group.Count(result => (result.Status ?? "none") == status).ToString("N0", CultureInfo.InvariantCulture).PadLeft(10))),
                group.Count().ToString("N0", CultureInfo.InvariantCulture).PadLeft(10));
        }
    }
}

/// <summary>
/// Drives a fuzz run against a running host (issue 15): drops every file into <c>exports/{tenant}/…</c>, hammers the
/// read endpoints while the host ingests, waits until every import has a final status, reads every import's
/// detail and first error page, then closes each tenant through a month; records every 5xx and unanswered request.
/// </summary>
/// <remarks>
/// Shared by the benchmark's <c>fuzz</c> command and the LocalHost test, which start the host and say how to drop a
/// file and whether the host is still alive. Files are spread over the tenants by number; every file keeps its own
/// name, so its import is found by <c>fileName</c> in the tenant's list.
/// </remarks>
/// <param name="http">A client whose base address is the host.</param>
/// <param name="drop">Uploads bytes into <c>exports</c> under a blob name.</param>
/// <param name="hostProblem">Null while the host lives; otherwise what happened to it (its exit code).</param>
/// <param name="progress">Progress lines, or null.</param>
public sealed class FuzzCampaign(HttpClient http, Func<string, byte[], Task> drop, Func<string?> hostProblem, Action<string>? progress = null)
{
    private static readonly string[] Final = ["Accepted", "Rejected", "Failed", "Duplicate"];
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A close writes every month's rows and artefacts: on a loaded Azurite it may take minutes, and that is not a failure.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromMinutes(10);
    /// <summary>The import ids seen so far, per tenant, for the readers to ask for (a set: the lists are read again every second).</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _importIds = new(StringComparer.Ordinal);
    private readonly Lock _slowest = new();

    /// <summary>Runs the campaign; <paramref name="timeout"/> bounds the wait for final statuses.</summary>
    /// <param name="tenants">The tenants; file <c>n</c> goes to tenant <c>n mod count</c>.</param>
    /// <param name="baseline">Files every tenant gets first (the mapping profile its register files need).</param>
    /// <param name="files">The fuzz files, made one at a time as they are uploaded.</param>
    /// <param name="closeThrough">The month (<c>yyyy-MM</c>) each tenant is closed through at the end.</param>
    /// <param name="timeout">How long to wait for every import to have a final status.</param>
    public async Task<FuzzOutcome> RunAsync(
        IReadOnlyList<string> tenants, IReadOnlyList<(string FileName, byte[] Content)> baseline, IEnumerable<FuzzExport> files,
        string closeThrough, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(files);
        var outcome = new FuzzOutcome();
        var run = Stopwatch.StartNew();
        using var stopReads = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(reader => HammerAsync(tenants, outcome, reader, stopReads.Token)).ToList();
        try
        {
            var expected = await UploadAsync(tenants, baseline, files, outcome);
            await WaitForFinalStatusesAsync(tenants, expected, outcome, timeout);
            outcome.IngestTime = run.Elapsed;
        }
        finally
        {
            await stopReads.CancelAsync();
            await Task.WhenAll(readers);
        }

        await ReadEveryReportAsync(outcome);
        if (hostProblem() is null)
        {
            await CloseEveryTenantAsync(tenants, closeThrough, outcome);
        }

        if (hostProblem() is { } problem)
        {
            outcome.Violations.Enqueue("host: " + problem);
        }

        outcome.TotalTime = run.Elapsed;
        return outcome;
    }

    private async Task<List<FuzzResult>> UploadAsync(
        IReadOnlyList<string> tenants, IReadOnlyList<(string FileName, byte[] Content)> baseline, IEnumerable<FuzzExport> files, FuzzOutcome outcome)
    {
        var expected = new List<FuzzResult>();
        foreach (var tenant in tenants)
        {
            foreach (var (fileName, content) in baseline)
            {
                await drop($"{tenant}/{fileName}", content);
                expected.Add(new FuzzResult(-1, tenant, fileName, "baseline", "none", content.Length, null, null, null, null));
            }
        }

        var uploads = new List<Task>();
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var tenant = tenants[file.Number % tenants.Count];
            expected.Add(new FuzzResult(file.Number, tenant, file.FileName, file.Format, file.Mutation, file.Content.Length, null, null, null, null));
            uploads.Add(drop($"{tenant}/{file.FileName}", file.Content));
            if (uploads.Count >= 4)
            {
                await Task.WhenAny(uploads);
                foreach (var done in uploads.Where(upload => upload.IsCompleted).ToList())
                {
                    await done;
                    uploads.Remove(done);
                }
            }

            if (expected.Count % 250 == 0)
            {
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"  uploaded {expected.Count:N0} files ({watch.Elapsed.TotalSeconds:N0} s)"));
            }

            if (hostProblem() is { } problem)
            {
                outcome.Violations.Enqueue("host: " + problem);
                break;
            }
        }

        await Task.WhenAll(uploads);
        return expected;
    }

    private async Task WaitForFinalStatusesAsync(IReadOnlyList<string> tenants, List<FuzzResult> expected, FuzzOutcome outcome, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var found = new Dictionary<(string Tenant, string FileName), JsonElement>();
        while (true)
        {
            found.Clear();
            foreach (var tenant in tenants)
            {
                var (status, body) = await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/imports", outcome);
                if (status == 200 && body is not null)
                {
                    foreach (var import in Parse(body).EnumerateArray())
                    {
                        var fileName = import.GetProperty("fileName").GetString()!;
                        found[(tenant, fileName)] = import;
                        _importIds.GetOrAdd(tenant, _ => new(StringComparer.Ordinal))[import.GetProperty("id").GetString()!] = true;
                    }
                }
            }

            var open = expected.Count(file => !found.TryGetValue((file.Tenant, file.FileName), out var import)
                || !Final.Contains(import.GetProperty("status").GetString()));
            var problem = hostProblem();
            if (open == 0 || waited.Elapsed > timeout || problem is not null)
            {
                if (problem is not null)
                {
                    outcome.Violations.Enqueue("host: " + problem);
                }

                break;
            }

            if (waited.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = waited.Elapsed;
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"  {expected.Count - open:N0} of {expected.Count:N0} imports final after {waited.Elapsed.TotalSeconds:N0} s"));
            }

            await Task.Delay(1_000);
        }

        foreach (var file in expected)
        {
            var result = found.TryGetValue((file.Tenant, file.FileName), out var import)
                ? file with
                {
                    Status = import.GetProperty("status").GetString(),
                    ReasonCode = Text(import, "reasonCode"),
                    Reason = Text(import, "reason"),
                    ImportId = import.GetProperty("id").GetString(),
                }
                : file;
            outcome.Results.Add(result);
            if (!Final.Contains(result.Status))
            {
                outcome.Violations.Enqueue(string.Create(CultureInfo.InvariantCulture,
                    $"no final status after {waited.Elapsed.TotalSeconds:N0} s: #{file.Number} {file.Tenant}/{file.FileName} ({file.Format}, {file.Mutation}) is {result.Status ?? "not listed"}"));
            }
            else if (result.Status is "Rejected" or "Failed" && (string.IsNullOrWhiteSpace(result.Reason) || string.IsNullOrEmpty(result.ReasonCode)))
            {
                outcome.Violations.Enqueue($"{result.Status} without a reason and reason code: #{file.Number} {file.Tenant}/{file.FileName} ({file.Format}, {file.Mutation})");
            }
        }
    }

    /// <summary>Every import's detail and first error page: none may answer 5xx; notes the largest detail.</summary>
    private async Task ReadEveryReportAsync(FuzzOutcome outcome)
    {
        foreach (var result in outcome.Results.Where(result => result.ImportId is not null))
        {
            var path = $"/api/tenants/{result.Tenant}/imports/{Uri.EscapeDataString(result.ImportId!)}";
            var (status, body) = await SendAsync(HttpMethod.Get, path, outcome);
            var bytes = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
            if (status == 200 && body is not null && Parse(body).TryGetProperty("completedAt", out var completed) && completed.ValueKind == JsonValueKind.String)
            {
                outcome.CompletedAt[$"{result.Tenant}/{result.FileName} ({result.Format}, {result.Mutation})"] = completed.GetDateTimeOffset();
            }

            if (bytes > outcome.LargestReport.Bytes)
            {
                outcome.LargestReport = (bytes, $"{result.Tenant}/{result.FileName}, {result.Format}, {result.Mutation}");
            }

            await SendAsync(HttpMethod.Get, path + "/errors?offset=0&limit=100", outcome);
            if (result.Status == "Failed")
            {
                // A Failed import's reason must be a sentence for a user, never the exception's text.
                progress?.Invoke($"  Failed: {result.Tenant}/{result.FileName} ({result.Format}, {result.Mutation}): {result.Reason}");
            }
        }
    }

    private async Task CloseEveryTenantAsync(IReadOnlyList<string> tenants, string closeThrough, FuzzOutcome outcome)
    {
        foreach (var tenant in tenants)
        {
            var (status, body) = await SendAsync(HttpMethod.Post, $"/api/tenants/{tenant}/closes/{closeThrough}", outcome);
            outcome.Closes.Add((tenant, status, body is null ? string.Empty : body[..Math.Min(body.Length, 300)]));
            await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/closes", outcome);
            await SendAsync(HttpMethod.Get, $"/api/tenants/{tenant}/kpis", outcome);
        }
    }

    /// <summary>Reads while the host ingests: lists, details, error pages, KPIs (JSON and CSV), one month, closes.</summary>
    private async Task HammerAsync(IReadOnlyList<string> tenants, FuzzOutcome outcome, int reader, CancellationToken stop)
    {
        var random = new Random(reader + 17);
        while (!stop.IsCancellationRequested)
        {
            var tenant = tenants[random.Next(tenants.Count)];
            var ids = _importIds.TryGetValue(tenant, out var known) ? known.Keys.ToList() : [];
            var id = ids.Count == 0 ? "none" : Uri.EscapeDataString(ids[random.Next(ids.Count)]);
            var path = random.Next(8) switch
            {
                0 => $"/api/tenants/{tenant}/imports",
                1 or 2 => $"/api/tenants/{tenant}/imports/{id}",
                3 => $"/api/tenants/{tenant}/imports/{id}/errors?offset={random.Next(3) * 100}&limit=100",
                4 => $"/api/tenants/{tenant}/kpis",
                5 => $"/api/tenants/{tenant}/kpis?format=csv",
                6 => $"/api/tenants/{tenant}/kpis/2025-03",
                _ => $"/api/tenants/{tenant}/closes",
            };
            await SendAsync(HttpMethod.Get, path, outcome);
            try
            {
                await Task.Delay(random.Next(20, 120), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <returns>The status code (0 when the host did not answer) and the body.</returns>
    private async Task<(int Status, string? Body)> SendAsync(HttpMethod method, string path, FuzzOutcome outcome)
    {
        var watch = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(method == HttpMethod.Post ? CloseTimeout : RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (method == HttpMethod.Post)
            {
                request.Headers.Add("X-Pipeline-User", "fuzz");
            }

            using var response = await http.SendAsync(request, cancel.Token);
            var body = await response.Content.ReadAsStringAsync(cancel.Token);
            var status = (int)response.StatusCode;
            outcome.ReadStatuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (status >= 500)
            {
                outcome.Violations.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{status} from {method} {path}: {body[..Math.Min(body.Length, 300)]}"));
            }

            lock (_slowest)
            {
                if (watch.Elapsed.TotalMilliseconds > outcome.SlowestRead.Milliseconds)
                {
                    outcome.SlowestRead = (watch.Elapsed.TotalMilliseconds, $"{method} {path}");
                }
            }

            return (status, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            outcome.ReadStatuses.AddOrUpdate(0, 1, (_, count) => count + 1);
            var unanswered = string.Create(CultureInfo.InvariantCulture,
                $"no answer to {method} {path} within {watch.Elapsed.TotalSeconds:N0} s: {exception.GetType().Name}");
            (await IsAliveAsync() ? outcome.StorageStalls : outcome.Violations).Enqueue(unanswered);
            return (0, null);
        }
    }

    /// <summary>Whether the host answers <c>/api/health</c> (no storage behind it) within 5 s.</summary>
    private async Task<bool> IsAliveAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative), cancel.Token);
            return response.IsSuccessStatusCode && hostProblem() is null;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
