using System.CommandLine;
using System.Globalization;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Cli;

/// <summary><c>generate --count N --seed S --out file</c>: writes a realistic synthetic pipeline.</summary>
internal static class GenerateCommand
{
    /// <summary>The default day of a generated pipeline: fixed, so that a seed alone decides the output.</summary>
    public static readonly DateOnly DefaultAsOf = new(2027, 1, 10);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var count = new Option<long>("--count") { Description = "How many opportunities.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The seed; the same seed gives the same pipeline.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "json (the contract's document), jsonl (one opportunity per line) or csv (the flat layout).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "csv");
        var asOf = new Option<string?>("--as-of") { Description = "The pipeline's day, yyyy-MM-dd (default 2027-01-10)." };
        var accounts = new Option<int?>("--accounts") { Description = "Spread the opportunities over this many accounts (ACC-0001 up; default 4,999)." };
        var accountsOut = new Option<FileInfo?>("--accounts-out") { Description = "Also write a key-account record for each account, as JSON Lines (the accounts verb's --accounts file)." };
        var command = new Command("generate", "Write a realistic synthetic pipeline (all stages, varied evidence, some unknowns) for load tests and benchmarks.")
        {
            count, seed, output, format, asOf, accounts, accountsOut,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            if (n < 0)
            {
                stderr.WriteLine("--count must not be negative.");
                return CliApp.Unusable;
            }

            var dayText = parse.GetValue(asOf);
            var day = DefaultAsOf;
            if (dayText is not null && !DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                stderr.WriteLine($"--as-of {dayText} is not a date in the form yyyy-MM-dd.");
                return CliApp.Unusable;
            }

            var file = parse.GetValue(output)!;
            if (parse.GetValue(accounts) is < 1 or > 1_000_000)
            {
                stderr.WriteLine("--accounts must be from 1 to 1,000,000.");
                return CliApp.Unusable;
            }

            var generator = new PipelineGenerator(parse.GetValue(seed), day) { Accounts = parse.GetValue(accounts) ?? 4999 };
            try
            {
                // Written beside the target and renamed over it when complete: an interrupted run keeps the previous file.
                using var target = OutputFile.Create(file.FullName, 1 << 20);
                switch (parse.GetValue(format))
                {
                    case "jsonl":
                        generator.WriteJsonLines(target.Stream, n);
                        break;
                    case "csv":
                        generator.WriteCsv(target.Stream, n);
                        break;
                    default:
                        generator.WriteJson(target.Stream, n);
                        break;
                }

                target.Commit();
                if (parse.GetValue(accountsOut) is { } accountsFile)
                {
                    using var records = OutputFile.Create(accountsFile.FullName, 1 << 20);
                    generator.WriteAccountsJsonLines(records.Stream);
                    records.Commit();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot write {file.FullName}: {CliApp.OneLine(e.Message)}");
                return CliApp.Unusable;
            }

            stdout.WriteLine($"Wrote {n.ToString("N0", CultureInfo.InvariantCulture)} opportunities to {file.FullName}.");
            return CliApp.Ok;
        });
        return command;
    }
}
