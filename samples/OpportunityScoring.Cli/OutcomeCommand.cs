using System.CommandLine;
using System.Globalization;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary><c>outcome add|import|list --store …</c>: how pursuits ended — won, lost, noBid, withdrawn — from people, a CSV or a Salesforce export.</summary>
internal static class OutcomeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("outcome", "Outcomes in the ledger (won, lost, noBid, withdrawn, with the day, the winner and the final price): recorded by hand, from a CSV or from a Salesforce export.")
        {
            Add(stdout, stderr), Import(stdout, stderr), List(stdout, stderr),
        };

    private static Command Add(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("id") { Description = "The opportunity's id." };
        var store = LedgerOptions.StoreOption(required: true);
        var result = new Option<string>("--result") { Description = "won, lost, noBid or withdrawn.", Required = true };
        result.AcceptOnlyFromAmong("won", "lost", "noBid", "withdrawn");
        var closed = LoopOutput.Day("--closed-on", "The day it closed");
        closed.Required = true;
        var competitor = new Option<string?>("--competitor") { Description = "The winner, when lost." };
        var price = new Option<decimal?>("--price") { Description = "The final price." };
        var note = new Option<string?>("--note") { Description = "A note (lessons learned)." };
        var by = LoopOutput.By();
        var command = new Command("add", "Record how a pursuit ended (a correction is a new entry: the newest counts).") { id, store, result, closed, competitor, price, note, by };
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(closed), "--closed-on", stderr, out var day))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                LoopWords.TryRead<OutcomeResult>(parse.GetValue(result), out var r);
                ledger.RecordOutcomes([new OutcomeDraft(parse.GetValue(id)!, r, day!.Value) { Competitor = parse.GetValue(competitor), FinalPrice = parse.GetValue(price), Note = parse.GetValue(note) }], LoopOutput.Who(parse.GetValue(by)));
                stdout.WriteLine($"{parse.GetValue(id)}: {LoopWords.Of(r)} on {LoopOutput.D(day)} recorded.");
                return CliApp.Ok;
            });
        });
        return command;
    }

    private static Command Import(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file: an outcomes CSV (opportunityId, result, closedOn[, competitor, finalPrice, note]) or a Salesforce Opportunity export (Id, IsClosed, IsWon, CloseDate)." };
        var store = LedgerOptions.StoreOption(required: true);
        var from = new Option<string>("--input") { Description = "csv (the outcomes CSV) or salesforce (closed rows: IsWon 1 → won, else lost; open rows skipped).", DefaultValueFactory = _ => "csv" };
        from.AcceptOnlyFromAmong("csv", "salesforce");
        var by = LoopOutput.By();
        var command = new Command("import", "Record the outcomes of a CSV or a Salesforce export in one transaction; rows that cannot be read are named, the others recorded.") { file, store, from, by };
        command.SetAction(parse => LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
        {
            var outcomes = OutcomeFiles.Read(parse.GetValue(file)!.FullName, parse.GetValue(from) == "salesforce", out var errors);
            foreach (var e in errors.Take(100))
            {
                stderr.WriteLine($"{parse.GetValue(file)!.Name}: {e}");
            }

            var count = ledger.RecordOutcomes(outcomes, LoopOutput.Who(parse.GetValue(by)));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} outcome(s) recorded, {errors.Count:N0} row(s) rejected ({ledger.Target})."));
            return errors.Count > 0 ? CliApp.SomeRejected : CliApp.Ok;
        }));
        return command;
    }

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string?>("id") { Description = "The opportunity's id; every outcome when absent.", Arity = ArgumentArity.ZeroOrOne };
        var store = LedgerOptions.StoreOption(required: true);
        var format = LoopOutput.Format();
        var command = new Command("list", "The outcomes recorded, corrections included (the newest entry of an opportunity counts).") { id, store, format };
        command.SetAction(parse => LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
        {
            var outcomes = ledger.Outcomes(parse.GetValue(id));
            LoopOutput.Write(parse.GetValue(format)!, $"Outcomes: {outcomes.Count(o => o.Current)} opportunity(ies)", outcomes, LoopOutput.OutcomeColumns, stdout);
            return CliApp.Ok;
        }));
        return command;
    }
}
