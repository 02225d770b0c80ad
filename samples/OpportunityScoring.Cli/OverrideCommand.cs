using System.CommandLine;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>override add|withdraw|list --store …</c>: a person's decision over the engine's (the bid, the gate, the grade),
/// always with a reason, an approver and an expiry; shown beside the engine's decision, never replacing it.
/// </summary>
internal static class OverrideCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("override", "People's decisions over the engine's (bid, gate, grade) in the ledger, with a reason, an approver and an expiry; shown beside the engine's decision, never replacing it.")
        {
            Add(stdout, stderr), Withdraw(stdout, stderr), List(stdout, stderr),
        };

    private static Command Add(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("id") { Description = "The opportunity's id." };
        var store = LedgerOptions.StoreOption(required: true);
        var kind = new Option<string>("--kind") { Description = "What is overridden: bid (the bid decision), gate (the gate's outcome) or grade.", Required = true };
        kind.AcceptOnlyFromAmong("bid", "gate", "grade");
        var value = new Option<string>("--value") { Description = "The decision: bid, noBid, review, relationshipBid (bid); advance, defer, end (gate); A–D (grade).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (kept with the override and shown in the gate record).", Required = true };
        var approver = new Option<string>("--approved-by") { Description = "Who approved it.", Required = true };
        var expires = LoopOutput.Day("--expires", "The last day it applies");
        var stage = new Option<string?>("--until-stage") { Description = "The stage at which it lapses (initiation, proposal, tender, implementation, closed)." };
        var by = LoopOutput.By();
        var command = new Command("add", "Override the engine's bid decision, gate outcome or grade, with a reason, an approver and an expiry (--expires or --until-stage).")
        {
            id, store, kind, value, reason, approver, expires, stage, by,
        };
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(expires), "--expires", stderr, out var day))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                LoopWords.TryRead<OverrideKind>(parse.GetValue(kind), out var k);
                var draft = new OverrideDraft(parse.GetValue(id)!, k, parse.GetValue(value)!, parse.GetValue(reason)!, parse.GetValue(approver)!)
                {
                    ExpiresOn = day, ExpiresAtStage = parse.GetValue(stage),
                };
                var overrideId = ledger.Override(draft, LoopOutput.Who(parse.GetValue(by)));
                var o = ledger.OverridesOf(draft.OpportunityId).Single(x => x.OverrideId == overrideId);
                stdout.WriteLine($"override {overrideId} of {o.OpportunityId}: {LoopWords.Of(o.Kind)} {o.Value} (the engine says {o.EngineThen ?? "-"}), approved by {o.ApprovedBy}: {o.Reason}; {LoopWords.Of(o.State)}.");
                return CliApp.Ok;
            });
        });
        return command;
    }

    private static Command Withdraw(TextWriter stdout, TextWriter stderr)
    {
        var overrideId = new Argument<long>("override") { Description = "The override's id (override list shows them)." };
        var store = LedgerOptions.StoreOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn.", Required = true };
        var by = LoopOutput.By();
        var command = new Command("withdraw", "Withdraw an override (a new entry with the reason; the override is kept).") { overrideId, store, reason, by };
        command.SetAction(parse => LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
        {
            ledger.WithdrawOverride(parse.GetValue(overrideId), parse.GetValue(reason)!, LoopOutput.Who(parse.GetValue(by)));
            stdout.WriteLine($"override {parse.GetValue(overrideId)}: withdrawn.");
            return CliApp.Ok;
        }));
        return command;
    }

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string?>("id") { Description = "The opportunity's id; every override when absent.", Arity = ArgumentArity.ZeroOrOne };
        var store = LedgerOptions.StoreOption(required: true);
        var format = LoopOutput.Format();
        var command = new Command("list", "The overrides beside the engine's decision in the last stored run: active, lapsed, re-raised (the engine's decision changed), withdrawn or superseded.") { id, store, format };
        command.SetAction(parse => LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
        {
            var overrides = ledger.OverridesOf(parse.GetValue(id));
            LoopOutput.Write(parse.GetValue(format)!, $"Overrides: {overrides.Count(o => o.State == OverrideState.Active)} active, {overrides.Count(o => o.State == OverrideState.ReRaised)} re-raised, {overrides.Count(o => o.State == OverrideState.Lapsed)} lapsed", overrides, LoopOutput.OverrideColumns, stdout);
            return CliApp.Ok;
        }));
        return command;
    }
}
