using System.Text.Json;
using System.Text.Json.Serialization;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Worker;

/// <summary>
/// After a nightly run is complete in the ledger, the review loop (docs/ledger.md, "Plan, act, review"): each open
/// action of the plan reviewed at this run, those due logged — overdue, or done without effect and needing a remedy
/// (補救) — and the overrides that lapsed or that the engine's changed decision re-raises; and, when asked, the
/// win/loss review written as JSON.
/// </summary>
internal static partial class LoopFollowUp
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    /// <summary>Logs the actions due and the overrides to decide again at the run; returns how many actions are due.</summary>
    public static int AfterRun(IDecisionLedger ledger, string pipeline, long runId, ILogger log)
    {
        var actions = ledger.Actions().Where(a => a.ReviewedRunId == runId && a.State != ActionState.Dropped).ToList();
        var due = actions.Where(a => a.Result == ActionResult.Overdue || a.NeedsRemedy).ToList();
        if (actions.Count > 0)
        {
            var succeeded = actions.Count(a => a.Result == ActionResult.Succeeded);
            LogActions(log, pipeline, runId, actions.Count, succeeded, due.Count);
        }

        foreach (var a in due)
        {
            LogDue(log, a.ActionId, a.OpportunityId, a.Owner, a.Due, LoopWords.Of(a.Result), a.NeedsRemedy ? "a remedy (補救) is to be planned" : "not yet done", a.What);
        }

        foreach (var o in ledger.OverridesOf().Where(o => o.RunId is not null && o.State is OverrideState.Lapsed or OverrideState.ReRaised))
        {
            LogOverride(log, o.OverrideId, o.OpportunityId, LoopWords.Of(o.Kind), o.Value, LoopWords.Of(o.State), o.EngineThen ?? "-", o.EngineNow ?? "-");
        }

        return due.Count;
    }

    /// <summary>Writes the win/loss review to a file (through a temporary file, so a reader never sees half of it).</summary>
    public static void WriteReview(IDecisionLedger ledger, string file, ILogger log)
    {
        var review = ledger.Review();
        var path = Path.GetFullPath(file);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(review, Json));
        File.Move(path + ".tmp", path, overwrite: true);
        LogReview(log, review.Closed, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Pipeline}: {Reviewed} action(s) reviewed at run {RunId}: {Succeeded} succeeded, {Due} due (overdue, or done without effect)")]
    private static partial void LogActions(ILogger logger, string pipeline, long runId, int reviewed, int succeeded, int due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "action {ActionId} of {Opportunity} ({Owner}, due {Due}): {Result}, {Remedy}: {What}")]
    private static partial void LogDue(ILogger logger, long actionId, string opportunity, string owner, DateOnly due, string result, string remedy, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "override {OverrideId} of {Opportunity} ({Kind} {Value}): {State}; the engine said {EngineThen} then, {EngineNow} now")]
    private static partial void LogOverride(ILogger logger, long overrideId, string opportunity, string kind, string value, string state, string engineThen, string engineNow);

    [LoggerMessage(Level = LogLevel.Information, Message = "win/loss review of {Closed} closed opportunities -> {File}")]
    private static partial void LogReview(ILogger logger, int closed, string file);
}
