using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>The review loop beside an opportunity's tracking table: its actions and their results, its overrides, its outcome.</summary>
internal sealed record LoopHistory(IReadOnlyList<ActionReview> Actions, IReadOnlyList<OverrideStatus> Overrides, IReadOnlyList<RecordedOutcome> Outcomes)
{
    public static LoopHistory Read(IDecisionLedger ledger, string id) => new(ledger.Actions(id), ledger.OverridesOf(id), ledger.Outcomes(id));

    /// <summary>The history's JSON with <c>actions</c>, <c>overrides</c> and <c>outcomes</c> added.</summary>
    public JsonObject AddTo(JsonObject history)
    {
        history["actions"] = JsonSerializer.SerializeToNode(Actions, LoopOutput.Json);
        history["overrides"] = JsonSerializer.SerializeToNode(Overrides, LoopOutput.Json);
        history["outcomes"] = JsonSerializer.SerializeToNode(Outcomes, LoopOutput.Json);
        return history;
    }

    public void WriteTables(TextWriter output)
    {
        if (Actions.Count > 0)
        {
            LoopOutput.Write("table", $"Action plan (銷售行動計畫) and results (成果 / 得失): {Actions.Count(a => a.NeedsRemedy)} needing a remedy (補救)", Actions, LoopOutput.ActionColumns, output);
        }

        if (Overrides.Count > 0)
        {
            LoopOutput.Write("table", "Overrides beside the engine's decision", Overrides, LoopOutput.OverrideColumns, output);
        }

        if (Outcomes.Count > 0)
        {
            LoopOutput.Write("table", "Outcome", Outcomes, LoopOutput.OutcomeColumns, output);
        }
    }
}
