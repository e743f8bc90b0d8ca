using System.CommandLine;
using System.Globalization;
using Pipeline.Application.Imports;

namespace Pipeline.Cli.Commands;

/// <summary>
/// <c>pipeline ingest FILE --tenant T</c>: drops the file into <c>exports</c> as <c>{tenant}/{file name}</c> and
/// ingests it at once, printing the outcome; exit code 1 when the file is rejected or fails.
/// </summary>
internal static class IngestCommand
{
    private const int ErrorsShown = 10;

    public static Command Create(CliHostFactory hosts, CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The export file to upload and ingest." };
        file.AcceptExistingOnly();
        var tenant = CliSymbols.RequiredTenant();
        var command = new Command("ingest", "Upload an export file for a tenant and ingest it right away.") { file, tenant };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var source = parsed.GetValue(file)!;
            var tenantId = parsed.GetValue(tenant);
            var blobName = $"{tenantId}/{source.Name}";
            await using var host = await hosts.StartAsync(parsed, cancellationToken);

            console.Progress($"Uploading {source.Name} ({source.Length.ToString(CultureInfo.InvariantCulture)} bytes) to exports/{blobName} ...");
            await using (var content = source.OpenRead())
            {
                if (!await host.Get<IExportDropBox>().DropAsync(blobName, content, cancellationToken))
                {
                    return console.Fail(
                        $"exports already holds '{blobName}' and exports are never overwritten: rename the file to drop a new version.");
                }
            }

            console.Progress($"Ingesting exports/{blobName} ...");
            var record = await host.Get<ExportIngestionService>().IngestAsync(blobName, cancellationToken);
            if (record is null)
            {
                return console.Fail($"exports/{blobName} vanished before it could be ingested.");
            }

            var report = await host.Get<IImportReportStore>().ReadAsync(tenantId, record.ImportId, cancellationToken);
            await WriteOutcomeAsync(console.Out, blobName, record, report);
            return record.Status switch
            {
                ImportStatus.Accepted or ImportStatus.Duplicate => Program.Success,
                _ => console.Fail($"{blobName} was {record.Status.ToString().ToLowerInvariant()}: {record.Reason ?? "see above"}"),
            };
        });
        return command;
    }

    private static async Task WriteOutcomeAsync(TextWriter output, string blobName, ImportRecord record, ImportReport? report)
    {
        await output.WriteLineAsync($"{blobName}: {record.Status}");
        await output.WriteLineAsync(Line("import id", record.ImportId));
        await output.WriteLineAsync(Line("format", record.Format ?? "unrecognised"));
        await output.WriteLineAsync(Line("rows", Invariant(record.Rows)));
        await output.WriteLineAsync(Line("bad rows", Invariant(record.RowErrors)));
        if (record.FirstMonth is { } first && record.LastMonth is { } last)
        {
            await output.WriteLineAsync(Line("months", first == last ? first.ToString() : $"{first}..{last}"));
        }

        if (record.Reason is not null)
        {
            await output.WriteLineAsync(Line("reason", record.ReasonCode is null ? record.Reason : $"[{record.ReasonCode}] {record.Reason}"));
        }

        if (record.DuplicateOf is not null)
        {
            await output.WriteLineAsync(Line("duplicate of", record.DuplicateOf));
        }

        var errors = report?.Errors ?? [];
        var total = report?.TotalErrors ?? 0;
        if (errors.Count > 0)
        {
            await output.WriteLineAsync(total > ErrorsShown
                ? Invariant($"  first {Math.Min(ErrorsShown, errors.Count)} of {total} errors:")
                : "  errors:");
            foreach (var error in errors.Take(ErrorsShown))
            {
                await output.WriteLineAsync(Invariant($"    row {error.Row}, column {error.Column}, value '{error.Value}': {ReportedRowErrors.Expand(error)}"));
            }

            await WriteMoreErrorsAsync(output, report!);
        }

        foreach (var warning in report?.Warnings ?? [])
        {
            await output.WriteLineAsync($"  warning: {warning}");
        }
    }

    /// <summary>The errors not shown, counted per column and message, largest first.</summary>
    private static async Task WriteMoreErrorsAsync(TextWriter output, ImportReport report)
    {
        var more = report.Errors.Skip(ErrorsShown)
            .Select(error => (error.Column, ReportedRowErrors.Compact(error).Message, Count: 1))
            .Concat(report.ErrorCounts.Select(count => (count.Column, count.Message, count.Count)))
            .GroupBy(entry => (entry.Column, entry.Message))
            .Select(group => (group.Key.Column, group.Key.Message, Count: group.Sum(entry => entry.Count)))
            .OrderByDescending(entry => entry.Count)
            .ToList();
        if (more.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync(Invariant($"  {more.Sum(entry => entry.Count)} more errors, by column and message:"));
        foreach (var (column, message, count) in more.Take(ErrorsShown))
        {
            await output.WriteLineAsync(Invariant($"    {count} × column {column}: {message}"));
        }
    }

    private static string Line(string label, string value) => $"  {label,-12} {value}";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
