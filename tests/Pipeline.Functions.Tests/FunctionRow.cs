namespace Pipeline.Functions.Tests;

/// <summary>One function as the host sees it: its trigger and what the trigger listens on, plus any output binding.</summary>
/// <param name="Name">The function name (<c>[Function]</c>).</param>
/// <param name="Trigger">The trigger binding type, for example <c>httpTrigger</c>.</param>
/// <param name="Target">
/// HTTP: the methods and the route under the <c>api</c> prefix (<c>GET tenants/{tenant}/kpis</c>); blob: the path;
/// timer: the schedule (a <c>%setting%</c> names an app setting); queue: the queue name.
/// </param>
/// <param name="Connection">The app setting (prefix) of the storage connection, for storage triggers.</param>
/// <param name="Options">Blob: the source; timer: <c>useMonitor</c> and <c>runOnStartup</c>.</param>
/// <param name="Access">HTTP: the authorization level, <c>function</c> (a key is needed) or <c>anonymous</c>.</param>
/// <param name="Output">Output bindings, for example <c>Out queue closes via PipelineStorage</c>.</param>
internal sealed record FunctionRow(
    string Name, string Trigger, string Target, string? Connection = null, string? Options = null, string? Access = null, string? Output = null);
