using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Benchmarks;

/// <summary>Records when the host called its storage ports and for how long, to split an end-to-end time into phases.</summary>
/// <remarks>
/// <para>
/// <see cref="Wrap{TPort}"/> replaces a port's registration with a <see cref="DispatchProxy"/> around the real adapter:
/// every call that returns a <see cref="Task"/> is recorded from its start until the task completes (serialisation in
/// the adapter included, since it runs inside the call), with the origin it ran under. The host's own background
/// work (the export poller) has no origin; an HTTP request's calls carry its method and path (<see cref="Origin"/>,
/// set by a middleware), so the benchmark's polling of <c>GET …/imports</c> can be told apart from the ingest it waits
/// for. What runs between storage calls (parsing, ledger merge, the engine, the months' computation) is the time
/// left over.
/// </para>
/// <para>
/// The cost is one reflection invoke and one continuation per call: a few hundred calls per month closed, nothing
/// next to a storage round trip.
/// </para>
/// </remarks>
internal sealed class StorageCallTimeline
{
    private static readonly AsyncLocal<string?> CurrentOrigin = new();

    private readonly ConcurrentQueue<Call> _calls = new();

    /// <summary>The origin recorded with calls made in this async flow (an HTTP request's method and path); null for background work.</summary>
    public static string? Origin
    {
        get => CurrentOrigin.Value;
        set => CurrentOrigin.Value = value;
    }

    /// <summary>One completed call: port and method, start and end in <see cref="Stopwatch"/> ticks, origin.</summary>
    public sealed record Call(string Port, string Method, long Start, long End, string? Origin)
    {
        public string Name => string.Concat(Port, ".", Method);

        public double Seconds => Stopwatch.GetElapsedTime(Start, End).TotalSeconds;
    }

    /// <summary>Every call that completed from <paramref name="from"/> on, in start order.</summary>
    public List<Call> Since(long from) => [.. _calls.Where(call => call.Start >= from).OrderBy(call => call.Start)];

    /// <summary>Replaces the last registration of <typeparamref name="TPort"/> with a recording proxy around what it registered.</summary>
    public void Wrap<TPort>(IServiceCollection services)
        where TPort : class
    {
        var original = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(TPort) && !descriptor.IsKeyedService)
            ?? throw new InvalidOperationException($"{typeof(TPort).Name} is not registered.");
        services.Add(ServiceDescriptor.Describe(typeof(TPort), provider => Proxy(Create<TPort>(provider, original)), original.Lifetime));
    }

    private static TPort Create<TPort>(IServiceProvider provider, ServiceDescriptor original)
        where TPort : class => (TPort)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));

    private TPort Proxy<TPort>(TPort target)
        where TPort : class
    {
        var proxy = DispatchProxy.Create<TPort, RecordingProxy>();
        ((RecordingProxy)(object)proxy).Attach(this, target, typeof(TPort).Name);
        return proxy;
    }

    private void Record(string port, string method, long start, string? origin) =>
        _calls.Enqueue(new Call(port, method, start, Stopwatch.GetTimestamp(), origin));

    /// <summary>The proxy type: forwards every call to the adapter and records those that return a task.</summary>
    [SuppressMessage("Performance", "CA1852:Seal internal types", Justification = "DispatchProxy derives a type from it at run time.")]
    [SuppressMessage("Design", "CA1812:Avoid uninstantiated internal classes", Justification = "DispatchProxy instantiates it.")]
    internal class RecordingProxy : DispatchProxy
    {
        private StorageCallTimeline? _timeline;
        private object? _target;
        private string _port = string.Empty;

        public void Attach(StorageCallTimeline timeline, object target, string port) => (_timeline, _target, _port) = (timeline, target, port);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var (start, origin) = (Stopwatch.GetTimestamp(), Origin);
            object? result;
            try
            {
                result = targetMethod.Invoke(_target, args);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(exception.InnerException);
                throw;
            }

            if (result is Task task)
            {
                var (timeline, port, method) = (_timeline!, _port, targetMethod.Name);
                _ = task.ContinueWith(
                    _ => timeline.Record(port, method, start, origin),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            return result;
        }
    }
}
