using System.CommandLine;
using System.CommandLine.Parsing;
using Azure;
using Microsoft.Extensions.Options;
using Pipeline.Cli.Commands;

namespace Pipeline.Cli;

/// <summary>The ops command line <c>pipeline</c>: status, ingest, close, reopen, break-lease, migrate-storage, kpis, clv, customers, receivables and loyalty against the pipeline's storage.</summary>
/// <remarks>
/// Exit codes: 0 success, 1 a failure (a rejected file, a month that cannot be closed, storage unreachable),
/// 2 a usage error (unknown command, missing or malformed argument). Results go to <c>out</c>; progress and the
/// one-line error go to <c>err</c>.
/// </remarks>
public static class Program
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="out">Where results go (tables, CSV, JSON).</param>
    /// <param name="err">Where progress lines and errors go.</param>
    /// <param name="settings">Configuration added over appsettings.json and environment variables (tests use it).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter @out, TextWriter err, IDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(@out);
        ArgumentNullException.ThrowIfNull(err);
        var console = new CliConsole(@out, err);
        var root = BuildCommand(new CliHostFactory(settings), console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var name = CommandPath(parsed.CommandResult);
            var messages = parsed.Errors.Select(error => OneLine(error.Message).TrimEnd('.')).Distinct(StringComparer.Ordinal);
            return console.Error(UsageError, $"{string.Join("; ", messages)} (run '{name} --help' for usage).");
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = @out,
                Error = err,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OptionsValidationException exception)
        {
            return console.Error(Failure, $"configuration is invalid: {string.Join("; ", exception.Failures)}");
        }
        catch (RequestFailedException exception)
        {
            var code = exception.Status == 0 ? "no response" : $"HTTP {exception.Status} {exception.ErrorCode}".TrimEnd();
            return console.Error(Failure, $"storage request failed ({code}): {FirstLine(exception.Message)}");
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            // What the storage SDK throws once its retries are spent, typically because storage is unreachable.
            var last = exception.InnerExceptions[^1];
            return console.Error(Failure, $"storage did not answer after {exception.InnerExceptions.Count} tries: {FirstLine(last.Message)}");
        }
        catch (OperationCanceledException)
        {
            return console.Error(Failure, "cancelled.");
        }
#pragma warning disable CA1031 // the command line's last resort: any other failure is one line and exit code 1
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return console.Error(Failure, FirstLine(exception.Message));
        }
    }

    internal static RootCommand BuildCommand(CliHostFactory hosts, CliConsole console)
    {
        var root = new RootCommand("Ops tool for the revenue pipeline: imports, monthly closes and KPIs, on the pipeline's own storage.");
        root.Options.Add(hosts.StorageOption);
        root.Subcommands.Add(StatusCommand.Create(hosts, console));
        root.Subcommands.Add(IngestCommand.Create(hosts, console));
        root.Subcommands.Add(CloseCommand.Create(hosts, console));
        root.Subcommands.Add(ReopenCommand.Create(hosts, console));
        root.Subcommands.Add(BreakLeaseCommand.Create(hosts, console));
        root.Subcommands.Add(MigrateStorageCommand.Create(hosts, console));
        root.Subcommands.Add(KpisCommand.Create(hosts, console));
        root.Subcommands.Add(ClvCommand.Create(hosts, console));
        root.Subcommands.Add(CustomersCommand.Create(hosts, console));
        root.Subcommands.Add(ReceivablesCommand.Create(hosts, console));
        root.Subcommands.Add(LoyaltyCommand.Create(hosts, console));
        return root;
    }

    /// <summary><c>pipeline</c> and the names of the commands down to <paramref name="result"/>'s, for example <c>pipeline clv forecast</c>.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current.Parent is CommandResult parent; current = parent)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', ["pipeline", .. names]);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
