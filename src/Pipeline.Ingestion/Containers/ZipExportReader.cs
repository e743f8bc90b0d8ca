using System.Globalization;
using System.IO.Compression;
using Pipeline.Ingestion.Chargebee;
using Pipeline.Ingestion.Xlsx;

namespace Pipeline.Ingestion.Containers;

/// <summary>Reads a <c>.zip</c> export: a Chargebee export (with <c>Subscriptions.csv</c>), or a zip of other CSV files.</summary>
/// <remarks>
/// <para>A Chargebee zip (EXPORTS.md B2.1): the small side members (<c>SubscriptionAddons.csv</c>,
/// <c>SubscriptionCoupons.csv</c>, <c>Coupons.csv</c>, <c>SubscriptionDiscounts.csv</c>) are read first, then
/// <c>Subscriptions.csv</c> with a Chargebee format that carries them. Other members are ignored with a warning.</para>
/// <para>Any other zip: each CSV member is parsed as a file of its own with every known format and the results are
/// concatenated (the lines go on to the handler member by member, in order); the zip is refused when any member is
/// (nothing from a half-readable zip enters the ledger: the handler's lines count only once the result says accepted).</para>
/// <para>The work is bounded against zip bombs: at most <see cref="MaxMembers"/> members, each inflating to at most
/// <see cref="ZipBudget.MaxMemberBytes"/> and at most <see cref="ExportParseOptions.MaxCompressionRatio"/> times its
/// compressed size, all of them together to at most <see cref="ExportParseOptions.MaxUncompressedBytes"/> (counted while
/// decompressing, not trusted from the directory): a zip over a bound is refused as <see cref="RefusalCodes.TooLarge"/>.
/// A member whose size or checksum is not what the directory declares, or a broken zip, is refused as
/// <see cref="RefusalCodes.Unreadable"/>; it never throws. A zip on a stream that cannot seek is spooled to a temporary
/// file first, so its bytes are never held in memory.</para>
/// </remarks>
internal static class ZipExportReader
{
    public const int MaxMembers = 50;

    private const string ChargebeeSubscriptions = "Subscriptions.csv";

    private static readonly string[] TextExtensions = [".csv", ".tsv", ".txt"];

    public static async Task<ExportParseResult> ReadAsync(
        Stream content, ExportParseOptions options, IReadOnlyList<IExportFormat> formats, ParseHandlers handlers,
        CancellationToken cancellationToken)
    {
        // ZipArchive reads the central directory at the end, so an upload stream is spooled (bounded) first.
        FileStream? copy = null;
        try
        {
            copy = content.CanSeek ? null : await TemporaryFile.SpoolAsync(content, ZipBudget.MaxMemberBytes, "The zip", cancellationToken);
            var seekable = copy ?? content;
            var budget = new ZipBudget(options);
            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            var members = archive.Entries.Where(IsFile).ToList();
            if (Problem(members) is { } problem)
            {
                return Refused(problem, members.Count == 0 ? RefusalCodes.Unreadable : RefusalCodes.TooLarge);
            }

            var subscriptions = members.FirstOrDefault(member => NameIs(member, ChargebeeSubscriptions));
            return subscriptions is not null
                ? await ReadChargebeeAsync(subscriptions, members, budget, options, handlers, cancellationToken)
                : await ReadMembersAsync(members, budget, options, formats, handlers, cancellationToken);
        }
        catch (ContainerLimitException exception)
        {
            return Refused(exception.Message, exception.ReasonCode);
        }
        catch (Exception exception) when (exception is InvalidDataException or NotSupportedException or EndOfStreamException)
        {
            return Refused(string.Concat("The file is not a readable zip (", exception.Message,
                "). Download the export again, or unpack it and upload the CSV files."));
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }
    }

    private static string? Problem(List<ZipArchiveEntry> members)
    {
        if (members.Count == 0)
        {
            return "The zip holds no files: upload the export's CSV file(s).";
        }

        if (members.Count > MaxMembers)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The zip holds {members.Count} files; at most {MaxMembers} are read from one zip. Upload the CSV files in smaller zips.");
        }

        var huge = members.FirstOrDefault(member => member.Length > ZipBudget.MaxMemberBytes);
        return huge is null
            ? null
            : string.Concat("Zip member ", huge.FullName, " is ", ZipBudget.Describe(huge.Length), " uncompressed; at most ",
                ZipBudget.Describe(ZipBudget.MaxMemberBytes), " per file is read. Split the export into smaller files.");
    }

    private static async Task<ExportParseResult> ReadChargebeeAsync(
        ZipArchiveEntry subscriptions, List<ZipArchiveEntry> members, ZipBudget budget, ExportParseOptions options,
        ParseHandlers handlers, CancellationToken cancellationToken)
    {
        var extras = await ChargebeeZipMembers.ReadAsync(members, budget.Open, cancellationToken);
        var format = new ChargebeeSubscriptionFormat(extras);
        await using var stream = budget.Open(subscriptions);
        var result = await ExportParser.ParseDelimitedAsync(stream, options, [format], handlers, cancellationToken);
        var ignored = members.Where(member => member != subscriptions && !extras.Members.Contains(member.FullName, StringComparer.Ordinal))
            .Select(member => member.FullName).ToList();
        var warnings = result.Warnings.ToList();
        warnings.AddRange(extras.Warnings);
        if (ignored.Count > 0)
        {
            warnings.Add(string.Concat("Zip members not used for MRR were ignored: ", string.Join(", ", ignored), "."));
        }

        return result with { Warnings = warnings };
    }

    private static async Task<ExportParseResult> ReadMembersAsync(
        List<ZipArchiveEntry> members, ZipBudget budget, ExportParseOptions options, IReadOnlyList<IExportFormat> formats,
        ParseHandlers handlers, CancellationToken cancellationToken)
    {
        var readable = members.Where(member => TextExtensions.Contains(Path.GetExtension(member.Name), StringComparer.OrdinalIgnoreCase)).ToList();
        if (readable.Count == 0)
        {
            return Refused(string.Concat("The zip holds no CSV file (it has ", string.Join(", ", members.Select(member => member.FullName)),
                "): upload the export's CSV file(s)."));
        }

        var results = new List<(string Name, ExportParseResult Result)>();
        foreach (var member in readable)
        {
            await using var stream = budget.Open(member);
            results.Add((member.FullName, await ExportParser.ParseDelimitedAsync(stream, options, formats, handlers, cancellationToken)));
        }

        var skipped = members.Except(readable).Select(member => member.FullName).ToList();
        return Combine(results, skipped);
    }

    private static ExportParseResult Combine(List<(string Name, ExportParseResult Result)> results, List<string> skipped)
    {
        var warnings = results.SelectMany(pair => pair.Result.Warnings.Select(warning => string.Concat(pair.Name, ": ", warning))).ToList();
        if (skipped.Count > 0)
        {
            warnings.Add(string.Concat("Zip members that are not CSV files were ignored: ", string.Join(", ", skipped), "."));
        }

        var refused = results.FirstOrDefault(pair => pair.Result.IsRefused);
        var evidence = string.Concat("zip members: ", string.Join("; ", results.Select(pair =>
            string.Concat(pair.Name, " (", pair.Result.Format ?? "unrecognised", pair.Result.FormatEvidence is null ? string.Empty : ": " + pair.Result.FormatEvidence, ")"))));
        return new ExportParseResult
        {
            Format = results[0].Result.Format,
            FormatEvidence = evidence,
            Customers = results.SelectMany(pair => pair.Result.Customers).ToList(),
            CustomerCount = results.Sum(pair => pair.Result.CustomerCount),
            Spend = results.SelectMany(pair => pair.Result.Spend).ToList(),
            Responses = results.SelectMany(pair => pair.Result.Responses).ToList(),
            Rates = results.SelectMany(pair => pair.Result.Rates).ToList(),
            Movements = results.SelectMany(pair => pair.Result.Movements).ToList(),
            Documents = results.SelectMany(pair => pair.Result.Documents).ToList(),
            Errors = results.SelectMany(pair => pair.Result.Errors.Select(error => error with { Message = string.Concat(pair.Name, ": ", error.Message) })).ToList(),
            Warnings = warnings,
            DataRows = results.Sum(pair => pair.Result.DataRows),
            BadRows = results.Sum(pair => pair.Result.BadRows),
            FileError = refused.Result?.FileError is { } fileError ? string.Concat(refused.Name, ": ", fileError) : null,
            RefusalReason = refused.Result?.RefusalReason is { } reason ? string.Concat(refused.Name, ": ", reason) : null,
            ReasonCode = refused.Result?.ReasonCode,
        };
    }

    private static bool IsFile(ZipArchiveEntry entry) =>
        entry.Name.Length > 0 && !entry.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !entry.Name.StartsWith('.');

    private static bool NameIs(ZipArchiveEntry entry, string name) => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase);

    private static ExportParseResult Refused(string message, string reasonCode = RefusalCodes.Unreadable) =>
        ExportParseResult.Refused(message, format: null, [], reasonCode);
}
