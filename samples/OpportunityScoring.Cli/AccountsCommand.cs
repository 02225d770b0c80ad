using System.CommandLine;
using System.Globalization;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>accounts &lt;pipeline&gt; [--accounts file]</c>: the key-account list (大客戶名單) — every account graded A–D with
/// its type, owner, pipeline, service health, red flags and top improvements; the 80/20 view; the accounts without an
/// owner; the owner load. The opportunities stream through the batch (decisions only) and are tallied per account.
/// </summary>
internal static class AccountsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The pipeline file (its accounts section, if any, is read too)." };
        var accounts = AccountsFile();
        var format = new Option<string>("--format") { Description = "table (for people), json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var input = new Option<string>("--input") { Description = "The pipeline's format: json, jsonl, csv or salesforce.", DefaultValueFactory = _ => "json" };
        input.AcceptOnlyFromAmong("json", "jsonl", "csv", "salesforce");
        var policyOption = CommonOptions.Policy();
        var culture = CommonOptions.Culture();
        var asOf = new Option<string?>("--as-of") { Description = "The day to assess on, yyyy-MM-dd; default: the file's asOf, else today." };
        var outOption = new Option<FileInfo?>("--out") { Description = "Write the list to this file instead of standard output." };
        var assessments = new Option<FileInfo?>("--assessments") { Description = "Also write every opportunity's decisions as CSV (score's csv layout) to this file, in the same streaming run." };
        var command = new Command("accounts", "Print the key-account list (大客戶名單): grade, type, owner, pipeline, service health, red flags, improvements; the 80/20 view and the owner load.")
        {
            file, accounts, format, input, policyOption, culture, asOf, outOption, assessments,
        };
        command.SetAction(parse =>
        {
            var list = Grade(parse.GetValue(file)!, parse.GetValue(input)!, parse.GetValue(accounts), parse.GetValue(policyOption), parse.GetValue(asOf), stderr, out var rejected, assessments: parse.GetValue(assessments));
            if (list is null)
            {
                return CliApp.Unusable;
            }

            var texts = Texts.For(parse.GetValue(culture));
            if (parse.GetValue(outOption) is { } target)
            {
                using var output = OutputFile.Create(target.FullName);
                using (var text = new StreamWriter(output.Stream, leaveOpen: true))
                {
                    list.Write(parse.GetValue(format)!, text, texts);
                }

                output.Commit();
            }
            else
            {
                list.Write(parse.GetValue(format)!, stdout, texts);
            }

            foreach (var e in list.Errors)
            {
                stderr.WriteLine($"rejected account {e.Id ?? "#" + e.Index.ToString(CultureInfo.InvariantCulture)} (index {e.Index}), {e.Field}: {e.Message}");
            }

            return rejected > 0 || list.Errors.Count > 0 ? CliApp.SomeRejected : CliApp.Ok;
        });
        return command;
    }

    /// <summary>The <c>--accounts</c> option: a separate accounts file (JSON, JSON Lines or CSV).</summary>
    public static Option<FileInfo?> AccountsFile() => new("--accounts") { Description = "An accounts file (JSON array, {\"accounts\": [...]}, JSON Lines, or the accounts CSV layout): the key accounts' records (docs/accounts.md)." };

    /// <summary>
    /// Reads the pipeline and the accounts, scores the opportunities (decisions only) as they stream, tallies them per
    /// account and grades the accounts; <see langword="null"/> (the reason on standard error) when the input cannot be used.
    /// </summary>
    /// <remarks>
    /// <paramref name="dealsKept"/>: how many of each account's largest deals to keep for its follow-up table. The list
    /// (table, JSON, CSV) prints none, so <c>accounts</c> keeps none: every deal that makes an account's five largest
    /// would hold its opportunity's id and name past the young generation, and most are pushed out again later (about
    /// 16 of an account's 50 deals enter its five), garbage that only a full collection finds.
    /// </remarks>
    public static AccountList? Grade(FileInfo file, string input, FileInfo? accountsFile, FileInfo? policyFile, string? asOfText, TextWriter stderr, out long rejected, int dealsKept = 0, FileInfo? assessments = null)
    {
        rejected = 0;
        ScoringPolicy? policy = CommonOptions.LoadPolicy(policyFile, stderr);
        if (policy is null)
        {
            return null;
        }

        DateOnly? day = null;
        if (asOfText is not null)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                stderr.WriteLine($"--as-of {asOfText} is not a date in the form yyyy-MM-dd.");
                return null;
            }

            day = d;
        }

        // The opportunity rules compile on another core while this one reads the accounts: neither needs the other,
        // and the stream starts once both are done.
        var opportunityScorer = Task.Run(() => OpportunityRules.CreateScorer(policy));
        try
        {
            var book = new AccountBook(OpportunityRules.CreateAccountScorer(policy), dealsKept);
            var format = input switch { "jsonl" => PipelineFormat.JsonLines, "csv" => PipelineFormat.Csv, "salesforce" => PipelineFormat.Salesforce, _ => PipelineFormat.Json };
            using var source = PipelineSource.Open(format, file.FullName);
            book.AddFrom(source);
            if (accountsFile is not null)
            {
                using var stream = File.OpenRead(accountsFile.FullName);
                book.AddFile(stream);
            }

            // The service health and each opportunity's share of its account's tally are worked out on the scoring cores;
            // this thread writes the CSV and adds the tallies in stream order.
            var batch = new BatchScorer(opportunityScorer.GetAwaiter().GetResult(), book.OnScoringCores(new BatchOptions { Detail = ScoringDetail.Decisions }));
            var asOf = day ?? source.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var run = batch.Score(source.Records, asOf);
            using var output = assessments is null ? null : OutputFile.Create(assessments.FullName, 1 << 20);
            using (var writer = output is null ? null : BatchWriters.Create("csv", output.Stream, batch.Policy, asOf))
            {
                foreach (var item in run)
                {
                    writer?.Write(item);
                    book.Add(item);
                }
            }

            output?.Commit();

            rejected = run.Counts.Rejected;
            return book.Grade(run.AsOf);
        }
        catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"{file.Name}: {CliApp.OneLine(e.Message)}");
            return null;
        }
    }
}
