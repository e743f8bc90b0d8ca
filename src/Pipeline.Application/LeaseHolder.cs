namespace Pipeline.Application;

/// <summary>Names the holder of a lease (an import claim, a tenant's close lease) so a person can find it: host, process, run.</summary>
/// <remarks>
/// The run id makes every name unique, so two runs in one process never mistake each other's lease for their own; the
/// host and process say where to look when a lease outlives its run (a host that was stopped or ran out of memory).
/// </remarks>
public static class LeaseHolder
{
    /// <summary>A fresh holder name, such as <c>ops@acme on web01 (Pipeline.LocalHost, pid 4242), run 1a2b3c4d</c>.</summary>
    /// <param name="user">Who started the run, when known (a user, <c>schedule</c>); omitted when null.</param>
    public static string New(string? user = null)
    {
        var process = Path.GetFileNameWithoutExtension(Environment.ProcessPath) ?? "process";
        var run = Guid.NewGuid().ToString("N")[..8];
        var by = string.IsNullOrWhiteSpace(user) ? string.Empty : $"{user.Trim()} on ";
        return $"{by}{Environment.MachineName} ({process}, pid {Environment.ProcessId}), run {run}";
    }
}
