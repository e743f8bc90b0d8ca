using System.Diagnostics;
using System.Net;

namespace Pipeline.Benchmarks;

/// <summary>The latencies (ms) and errors of one endpoint's requests under load.</summary>
internal sealed class LoadResult(double[] latencies, int errors, double seconds, long bytes, TimeSpan cpu)
{
    private readonly double[] _latencies = latencies;
    private readonly double _seconds = seconds;
    private readonly long _bytes = bytes;
    private readonly TimeSpan _cpu = cpu;

    public int Errors { get; } = errors;

    /// <summary>The mean bytes of a response body as received (compressed when the client asked for it).</summary>
    public double MeanBytes => _latencies.Length == 0 ? 0 : (double)_bytes / _latencies.Length;

    public double Max => _latencies.Length == 0 ? 0 : _latencies[^1];

    public double Throughput => _latencies.Length / _seconds;

    /// <summary>
    /// The CPU time per request, in microseconds, of this process (host and load generator) and Azurite together while
    /// the requests ran: on a machine whose cores they share, what one request costs the machine.
    /// </summary>
    public double CpuMicrosecondsPerRequest => _latencies.Length == 0 ? 0 : _cpu.TotalMicroseconds / _latencies.Length;

    /// <summary>One endpoint's rounds as one result: every latency, the errors, the time the rounds took together and the bytes.</summary>
    public static LoadResult Pool(IReadOnlyList<LoadResult> rounds)
    {
        var latencies = rounds.SelectMany(round => round._latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            latencies, rounds.Sum(round => round.Errors), rounds.Sum(round => round._seconds), rounds.Sum(round => round._bytes),
            rounds.Aggregate(TimeSpan.Zero, (total, round) => total + round._cpu));
    }

    /// <summary>The nearest-rank percentile of the sorted latencies.</summary>
    public double Percentile(double fraction) =>
        _latencies.Length == 0 ? 0 : _latencies[Math.Clamp((int)Math.Ceiling(fraction * _latencies.Length) - 1, 0, _latencies.Length - 1)];

    /// <summary>
    /// <paramref name="requests"/> GETs of <paramref name="path"/>, <paramref name="connections"/> at a time; with
    /// <paramref name="ifNoneMatch"/>, conditional GETs (as a BI gateway revalidates what it keeps) that must answer 304.
    /// </summary>
    /// <remarks>
    /// Each worker sends its next request when its last one is answered; the body is read to its end into the worker's own
    /// buffer (as a BI tool's parser consumes a stream), not collected into a new array per response: the load generator
    /// shares the host's process and garbage collector, so a large object per response would bill its collections to the host.
    /// </remarks>
    public static async Task<LoadResult> MeasureAsync(HttpClient client, string path, int connections, int requests, string? ifNoneMatch = null)
    {
        var expected = ifNoneMatch is null ? HttpStatusCode.OK : HttpStatusCode.NotModified;
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        long bytes = 0;
        var usage = ProcessUsage.Now();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var buffer = new byte[64 * 1024];
            for (var index = Interlocked.Increment(ref next); index < requests; index = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
                    if (ifNoneMatch is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    var received = 0L;
                    for (int read; (read = await body.ReadAsync(buffer)) > 0;)
                    {
                        received += read;
                    }

                    Interlocked.Add(ref bytes, received);
                    if (response.StatusCode != expected)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var used = ProcessUsage.Now() - usage;
        Array.Sort(latencies);
        return new LoadResult(latencies, errors, seconds, bytes, used.Cpu + (used.AzuriteCpu ?? TimeSpan.Zero));
    }
}
