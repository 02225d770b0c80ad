using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using OpportunityScoring.Ledger;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary><c>history &lt;id&gt; --store …</c>: one opportunity's tracking table (專案跟蹤表) from the decision ledger.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("id") { Description = "The opportunity's id." };
        var store = LedgerOptions.StoreOption(required: true);
        var format = new Option<string>("--format") { Description = "table (for people), json, csv, or markdown (the tracking table with the action plan, overrides and outcome; --culture for its language).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "markdown");
        var culture = CommonOptions.Culture();
        var command = new Command("history", "The tracking table of one opportunity from the ledger: every complete run's grade, score, gate, bid, red flags and trend, and what changed and why.")
        {
            id, store, format, culture,
        };
        command.SetAction(parse => Run(parse.GetValue(id)!, parse.GetValue(store)!, parse.GetValue(format)!, parse.GetValue(culture), stdout, stderr));
        return command;
    }

    private static int Run(string id, string store, string format, string? culture, TextWriter stdout, TextWriter stderr)
    {
        using var ledger = LedgerOptions.Open(store, stderr);
        if (ledger is null)
        {
            return CliApp.Unusable;
        }

        OpportunityHistory history;
        LoopHistory loop;
        try
        {
            history = ledger.History(id);
            loop = LoopHistory.Read(ledger, id); // the actions, overrides and outcomes beside the runs (issue 21)
        }
        catch (LedgerException e)
        {
            stderr.WriteLine(e.Message);
            return CliApp.Unusable;
        }

        switch (format)
        {
            case "json":
                stdout.WriteLine(loop.AddTo(JsonSerializer.SerializeToNode(history, LoopOutput.Json)!.AsObject()).ToJsonString(LoopOutput.Json));
                break;
            case "csv":
                WriteCsv(history, stdout);
                break;
            case "markdown":
                stdout.Write(HistoryMarkdown.Write(history, loop, Texts.For(culture)));
                break;
            default:
                WriteTable(history, stdout);
                loop.WriteTables(stdout);
                break;
        }

        if (history.InIncompleteRuns > 0)
        {
            stderr.WriteLine($"note: {history.InIncompleteRuns} assessment(s) of {id} in incomplete runs (stopped before the end) are not shown.");
        }

        if (history.Entries.Count == 0)
        {
            stderr.WriteLine($"{id}: no assessment in a complete run of {ledger.Target}.");
            return CliApp.SomeRejected;
        }

        return CliApp.Ok;
    }

    private static string Changes(HistoryEntry e) => string.Join("; ", e.Changes.Select(c => $"{c.Field} {c.Before ?? "-"} → {c.After ?? "-"}"));

    private static string Why(HistoryEntry e) => string.Join("; ", e.Why.Select(r => $"{r.Rule} {P(r.Before)} → {P(r.After)}"));

    private static string P(decimal? p) => p is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    private static string F(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static void WriteTable(OpportunityHistory history, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{history.OpportunityId}: tracking table (專案跟蹤表), {history.Entries.Count} complete run(s)"))
            .AddColumn("Run").AddColumn("Date").AddColumn("Stage (days)").AddColumn("Grade").AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn(new TableColumn("P(win)").RightAligned()).AddColumn("Gate").AddColumn("Bid").AddColumn("Trend").AddColumn("Red flags")
            .AddColumn("What changed").AddColumn("Why (rules whose points moved)");
        foreach (var e in history.Entries)
        {
            var changes = e.RunId == history.Entries[0].RunId ? "first assessment" : e.Changes.Count == 0 ? "-" : Changes(e);
            if (e.PolicyChanged)
            {
                changes = $"policy → {e.PolicyVersion} (not a trend)\n" + changes;
            }

            if (e.CarriedFrom is { } from)
            {
                changes = $"carried from run {from}\n" + changes;
            }

            table.AddRow(
                e.RunId.ToString(CultureInfo.InvariantCulture), e.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape($"{e.Stage} ({e.DaysInStage})"), e.Grade, F(e.Score), e.WinProbability.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape($"{e.GateOutcome} → {e.NextStage}"), Markup.Escape(e.Bid ?? "-"), TrendRule.Word(e.Trend),
                Markup.Escape(e.RedFlags.Count == 0 ? "-" : string.Join(", ", e.RedFlags)), Markup.Escape(changes), Markup.Escape(Why(e) is { Length: > 0 } w ? w : "-"));
        }

        console.Write(table);
    }

    private static void WriteCsv(OpportunityHistory history, TextWriter output)
    {
        using var stream = new BufferedStream(new TextWriterStream(output), 1 << 16);
        using (var csv = CsvWriter.Create(stream, LoopOutput.CsvOptions, leaveOpen: true))
        {
            foreach (var column in new[] { "runId", "asOf", "stage", "daysInStage", "grade", "score", "winProbability", "gate.outcome", "gate.nextStage", "bid.decision", "trend", "redFlags", "knockOuts", "policy.version", "policyChanged", "carriedFrom", "changes", "why" })
            {
                csv.WriteField(column);
            }

            csv.EndRecord();
            foreach (var e in history.Entries)
            {
                foreach (var value in new[]
                {
                    e.RunId.ToString(CultureInfo.InvariantCulture), e.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Stage, e.DaysInStage.ToString(CultureInfo.InvariantCulture),
                    e.Grade, e.Score.ToString(CultureInfo.InvariantCulture), e.WinProbability.ToString(CultureInfo.InvariantCulture), e.GateOutcome, e.NextStage, e.Bid ?? string.Empty,
                    TrendRule.Word(e.Trend), string.Join(';', e.RedFlags), string.Join(';', e.KnockOuts), e.PolicyVersion, e.PolicyChanged ? "true" : "false",
                    e.CarriedFrom?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Changes(e), Why(e),
                })
                {
                    csv.WriteField(value);
                }

                csv.EndRecord();
            }

            csv.Flush();
        }

        stream.Flush();
    }
}
