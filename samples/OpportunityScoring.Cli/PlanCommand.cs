using System.CommandLine;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>plan add|done|drop|reopen|list --store …</c>: the action plan (銷售行動計畫) of an opportunity in the ledger; each
/// action is reviewed at the next stored run (成果 / 得失; 補救 when due and not successful).
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("plan", "The action plan (銷售行動計畫) in the ledger: plan actions against an opportunity, mark them done, and see each reviewed at the next stored run.")
        {
            Add(stdout, stderr), Mark("done", ActionState.Done, stdout, stderr), Mark("drop", ActionState.Dropped, stdout, stderr), Mark("reopen", ActionState.Open, stdout, stderr),
            List(stdout, stderr),
        };
        return command;
    }

    private static Command Add(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("id") { Description = "The opportunity's id." };
        var store = LedgerOptions.StoreOption(required: true);
        var what = new Option<string?>("--what") { Description = "What to do." };
        var owner = new Option<string>("--owner") { Description = "Who does it.", Required = true };
        var due = LoopOutput.Day("--due", "By when");
        due.Required = true;
        var evidence = new Option<string?>("--evidence") { Description = "The contract field it should move, e.g. budget.status or decisionChain.stakeholders[2].coverage." };
        var fromImprovement = new Option<int?>("--from-improvement") { Description = "Take what to do and the evidence field from the Nth improvement of the opportunity's last stored assessment (stored with score --explain --store)." };
        var on = LoopOutput.Day("--on", "The day it is planned; default today");
        var by = LoopOutput.By();
        var command = new Command("add", "Plan an action: what, owner, due day and the evidence field it should move.") { id, store, what, owner, due, evidence, fromImprovement, on, by };
        command.Validators.Add(r =>
        {
            if (r.GetValue(what) is null && r.GetValue(fromImprovement) is null)
            {
                r.AddError("give --what, or --from-improvement N to take the action from the opportunity's improvements");
            }
        });
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(due), "--due", stderr, out var dueDay) || !LoopOutput.TryDay(parse.GetValue(on), "--on", stderr, out var onDay))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                var draft = new ActionDraft(parse.GetValue(id)!, parse.GetValue(owner)!, dueDay!.Value)
                {
                    What = parse.GetValue(what), EvidenceField = parse.GetValue(evidence), FromImprovement = parse.GetValue(fromImprovement), PlannedOn = onDay,
                };
                var actionId = ledger.PlanAction(draft, LoopOutput.Who(parse.GetValue(by)));
                var action = ledger.Actions(draft.OpportunityId).Single(a => a.ActionId == actionId);
                stdout.WriteLine($"action {actionId} planned for {action.OpportunityId}: {action.What} (owner {action.Owner}, due {LoopOutput.D(action.Due)}{(action.EvidenceField is { } f ? ", evidence " + f : string.Empty)}).");
                return CliApp.Ok;
            });
        });
        return command;
    }

    private static Command Mark(string name, ActionState state, TextWriter stdout, TextWriter stderr)
    {
        var actionId = new Argument<long>("action") { Description = "The action's id (plan list shows them)." };
        var store = LedgerOptions.StoreOption(required: true);
        var note = new Option<string?>("--note") { Description = "What was done, or why it is dropped." };
        var on = LoopOutput.Day("--on", "The day; default today");
        var by = LoopOutput.By();
        var command = new Command(name, state switch
        {
            ActionState.Done => "Record that an action is done (a new entry; the plan is kept).",
            ActionState.Dropped => "Record that an action is dropped, with the reason in --note.",
            _ => "Reopen an action done or dropped.",
        })
        { actionId, store, note, on, by };
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(on), "--on", stderr, out var day))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                var id = parse.GetValue(actionId);
                ledger.MarkAction(id, state, day ?? DateOnly.FromDateTime(DateTime.UtcNow), parse.GetValue(note), LoopOutput.Who(parse.GetValue(by)));
                stdout.WriteLine($"action {id}: {LoopWords.Of(state)}.");
                return CliApp.Ok;
            });
        });
        return command;
    }

    private static Command List(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string?>("id") { Description = "The opportunity's id; every opportunity's actions when absent.", Arity = ArgumentArity.ZeroOrOne };
        var store = LedgerOptions.StoreOption(required: true);
        var format = LoopOutput.Format();
        var asOf = LoopOutput.Day("--as-of", "The day to judge due days on; default the last stored run's");
        var remedy = new Option<bool>("--remedy") { Description = "Only the actions that need a remedy (補救): due, or done, and not successful." };
        var command = new Command("list", "The actions, each reviewed at the last stored run: done or overdue, whether its evidence and the score moved, and whether a remedy is needed.") { id, store, format, asOf, remedy };
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(asOf), "--as-of", stderr, out var day))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                var actions = ledger.Actions(parse.GetValue(id), day).Where(a => !parse.GetValue(remedy) || a.NeedsRemedy).ToList();
                LoopOutput.Write(parse.GetValue(format)!, $"Action plan (銷售行動計畫): {actions.Count} action(s), {actions.Count(a => a.NeedsRemedy)} needing a remedy (補救)", actions, LoopOutput.ActionColumns, stdout);
                return CliApp.Ok;
            });
        });
        return command;
    }
}
