using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// What <c>score --store</c> says of the review loop once its run is complete: each action of the plan reviewed at
/// this run (done or overdue, whether its evidence and the score moved, 補救 when due and not successful), and the
/// overrides beside the engine's decisions — lapsed ones saying so, re-raised ones when the engine's decision changed.
/// </summary>
internal static class LoopReport
{
    private const int Shown = 20;

    public static void Write(IDecisionLedger ledger, long runId, TextWriter report)
    {
        var actions = ledger.Actions().Where(a => a.ReviewedRunId == runId && a.State != ActionState.Dropped).ToList();
        if (actions.Count > 0)
        {
            report.WriteLine($"ledger: {actions.Count} action(s) reviewed at run {runId}: {actions.Count(a => a.Result == ActionResult.Succeeded)} succeeded, {actions.Count(a => a.Result == ActionResult.Overdue)} overdue, {actions.Count(a => a.Result == ActionResult.NotSucceeded)} done without effect; {actions.Count(a => a.NeedsRemedy)} need a remedy (補救).");
            foreach (var a in actions.OrderByDescending(a => a.NeedsRemedy).Take(Shown))
            {
                var moved = a.EvidenceMoved is { } m ? $", {a.EvidenceField} {(m ? "moved" : "did not move")}" : string.Empty;
                report.WriteLine($"  action {a.ActionId} {a.OpportunityId} ({a.Owner}, due {LoopOutput.D(a.Due)}): {LoopWords.Of(a.Result)}{moved}, score {LoopOutput.N(a.ScoreBefore)} → {LoopOutput.N(a.ScoreAfter)}{(a.NeedsRemedy ? " — remedy needed (補救)" : string.Empty)}: {a.What}");
            }
        }

        var overrides = ledger.OverridesOf().Where(o => o.State is OverrideState.Active or OverrideState.Lapsed or OverrideState.ReRaised && o.StageNow is not null).ToList();
        foreach (var o in overrides.Take(Shown))
        {
            var state = o.State switch
            {
                OverrideState.Lapsed => "lapsed (past " + (o.ExpiresOn is { } d ? LoopOutput.D(d) : "the stage " + o.ExpiresAtStage) + "): the engine's decision applies",
                OverrideState.ReRaised => $"re-raised: the engine's decision changed from {o.EngineThen} to {o.EngineNow} since; decide again",
                _ => "in force",
            };
            report.WriteLine($"  override {o.OverrideId} {o.OpportunityId}: {LoopWords.Of(o.Kind)} — engine {o.EngineNow ?? "-"}, override {o.Value} (approved by {o.ApprovedBy}: {o.Reason}); {state}.");
        }
    }
}
