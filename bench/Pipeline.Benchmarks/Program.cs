using System.Globalization;
using Pipeline.Benchmarks;

// dotnet run -c Release --project bench/Pipeline.Benchmarks -- close [--lines N] [--months M] [--runs R]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- parse [--lines N] [--runs R]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- ledger [--lines N] [--runs R]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- ingest [--lines N,N,...] [--formats F,F] [--modes floor,parse,ingest] [--runs R] [--gc server|workstation]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- fuzz [--files N] [--seed S] [--tenants T] [--timeout seconds] [--max-mib M]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- clv [--subscribers N] [--segments S] [--buyers N] [--seed S]
// dotnet run -c Release --project bench/Pipeline.Benchmarks -- load [--lines N] [--months M] [--connections C] [--requests R] [--timeout seconds] [--compressed] [--only endpoint,…] [--rounds R]
var command = args.FirstOrDefault() ?? "help";
string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int? Number(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

int Option(string name, int fallback) => Text(name) is { } text && Number(text) is { } value ? value : fallback;

string[] List(string name, string fallback) => (Text(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

switch (command)
{
    case "close":
        CloseBenchmark.Run(Option("--lines", 1_000_000), Option("--months", 60), Option("--runs", 3));
        return 0;
    case "parse":
        await ParseBenchmark.RunAsync(Option("--lines", 1_000_000), Option("--runs", 3));
        return 0;
    case "ledger":
        await LedgerReadBenchmark.RunAsync(Option("--lines", 1_000_000), Option("--runs", 3));
        return 0;
    case "e2e":
        return await EndToEndBenchmark.RunAsync(
            Option("--lines", 1_000_000), Option("--months", 72), Option("--close-months", 60), Option("--warmup-lines", 20_000), Option("--timeout", 900));
    case "ingest":
        var sizes = List("--lines", "1000000,3000000,10000000").Select(Number).ToList();
        if (sizes.Any(size => size is null))
        {
            Console.Error.WriteLine("--lines takes positive whole numbers separated by commas, such as 1000000,3000000");
            return 2;
        }

        var formats = List("--formats", "stripe-invoice-lines,canonical-revenue-lines");
        var gc = Text("--gc") ?? "server";
        if (gc is not ("server" or "workstation"))
        {
            Console.Error.WriteLine("--gc takes server (the local host's) or workstation (the Functions worker's)");
            return 2;
        }

        var modes = List("--modes", string.Join(',', IngestBenchmark.Modes));
        if (modes.Except(IngestBenchmark.Modes).Any())
        {
            Console.Error.WriteLine($"--modes takes {string.Join(", ", IngestBenchmark.Modes)}, separated by commas");
            return 2;
        }

        return await IngestBenchmark.RunAsync([.. sizes.Select(size => size!.Value)], formats, modes, Option("--runs", 1), gc == "server");
    case "fuzz":
        return await FuzzBenchmark.RunAsync(
            Option("--files", 2_000), Option("--seed", 1), Option("--tenants", 16), Option("--timeout", 3_600), Option("--max-mib", 1_024));
    case "clv":
        ClvBenchmark.Run(Option("--subscribers", 50_000), Option("--segments", 10), Option("--buyers", 100_000), Option("--seed", 1));
        return 0;
    case "load":
        return await LoadBenchmark.RunAsync(
            Option("--lines", 100_000), Option("--months", 72), Option("--connections", 100), Option("--requests", 2_000), Option("--timeout", 10),
            args.Contains("--compressed"), List("--only", string.Empty), Option("--rounds", 5));
    case IngestBenchmark.ChildSwitch:
        return await IngestBenchmark.RunChildAsync(args);
    default:
        Console.WriteLine("usage: close [--lines 1000000] [--months 60] [--runs 3]");
        Console.WriteLine("       parse [--lines 1000000] [--runs 3]");
        Console.WriteLine("       ledger [--lines 1000000] [--runs 3]");
        Console.WriteLine("       ingest [--lines 1000000,3000000,10000000] [--formats stripe-invoice-lines,canonical-revenue-lines] [--modes floor,parse,ingest] [--runs 1] [--gc server|workstation]");
        Console.WriteLine("       fuzz [--files 2000] [--seed 1] [--tenants 16] [--timeout 3600] [--max-mib 1024]");
        Console.WriteLine("       clv [--subscribers 50000] [--segments 10] [--buyers 100000] [--seed 1]");
        Console.WriteLine("       load [--lines 100000] [--months 72] [--connections 100] [--requests 2000] [--timeout 10] [--compressed] [--only /api/health,/kpis,...] [--rounds 5]");
        return command == "help" ? 0 : 2;
}
