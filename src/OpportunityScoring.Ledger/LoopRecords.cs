namespace OpportunityScoring.Ledger;

/// <summary>The state of an action of the plan (銷售行動計畫), from its entries: the latest one counts.</summary>
public enum ActionState
{
    /// <summary>Planned (or reopened), not yet done.</summary>
    Open = 0,

    /// <summary>Done.</summary>
    Done,

    /// <summary>Dropped: no longer pursued (kept, with the reason).</summary>
    Dropped,
}

/// <summary>What the last stored run says about an action (成果 / 得失).</summary>
public enum ActionResult
{
    /// <summary>No complete run has assessed the opportunity since the action was planned.</summary>
    NotYetReviewed = 0,

    /// <summary>Open and not yet due.</summary>
    Open,

    /// <summary>Open and past its due day.</summary>
    Overdue,

    /// <summary>Its evidence moved (or, without an evidence field, the score rose).</summary>
    Succeeded,

    /// <summary>Done, but its evidence did not move (nor, without an evidence field, the score).</summary>
    NotSucceeded,

    /// <summary>Dropped.</summary>
    Dropped,
}

/// <summary>What a person's override overrides.</summary>
public enum OverrideKind
{
    /// <summary>The bid decision (bid, noBid, review, relationshipBid).</summary>
    Bid = 0,

    /// <summary>The gate's outcome (advance, defer, end).</summary>
    Gate,

    /// <summary>The grade (A–D).</summary>
    Grade,
}

/// <summary>Where an override stands against the last stored assessment.</summary>
public enum OverrideState
{
    /// <summary>In force: shown beside the engine's decision.</summary>
    Active = 0,

    /// <summary>Past its expiry day or stage: it no longer applies, and says so.</summary>
    Lapsed,

    /// <summary>The engine's decision has changed since it was overridden (a new policy, new evidence): to be decided again.</summary>
    ReRaised,

    /// <summary>Withdrawn by a later entry.</summary>
    Withdrawn,

    /// <summary>Replaced by a later override of the same kind.</summary>
    Superseded,
}

/// <summary>How a pursuit ended.</summary>
public enum OutcomeResult
{
    /// <summary>Won.</summary>
    Won = 0,

    /// <summary>Lost (to a competitor, or the customer bought nothing).</summary>
    Lost,

    /// <summary>We did not bid.</summary>
    NoBid,

    /// <summary>We withdrew during the pursuit.</summary>
    Withdrawn,
}

/// <summary>An action to plan: what, who, by when, and the evidence field it should move.</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Owner">Who does it.</param>
/// <param name="Due">By when.</param>
public sealed record ActionDraft(string OpportunityId, string Owner, DateOnly Due)
{
    /// <summary>What to do; taken from the improvement when <see cref="FromImprovement"/> is set and this is not.</summary>
    public string? What { get; init; }

    /// <summary>The contract field it should move, e.g. <c>budget.status</c>; taken from the improvement when <see cref="FromImprovement"/> is set.</summary>
    public string? EvidenceField { get; init; }

    /// <summary>Take the action from the Nth (1-based) improvement of the opportunity's last stored assessment.</summary>
    public int? FromImprovement { get; init; }

    /// <summary>The day it is planned; today (UTC) when absent.</summary>
    public DateOnly? PlannedOn { get; init; }
}

/// <summary>An action of the plan with its result at the last stored run.</summary>
/// <param name="ActionId">The action's id.</param>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="What">What to do.</param>
/// <param name="Owner">Who does it.</param>
/// <param name="Due">By when.</param>
/// <param name="EvidenceField">The contract field it should move, if named.</param>
/// <param name="PlannedOn">The day it was planned.</param>
/// <param name="PlannedBy">Who recorded it.</param>
/// <param name="State">Open, done or dropped (the latest entry).</param>
/// <param name="StateOn">The day of the latest entry (done or dropped on).</param>
/// <param name="StateBy">Who recorded the latest entry.</param>
/// <param name="Note">The latest entry's note.</param>
/// <param name="BaselineRunId">The run of the last complete assessment when it was planned.</param>
/// <param name="ReviewedRunId">The run of the last complete assessment (the one it is reviewed at).</param>
/// <param name="ScoreBefore">The score at the baseline.</param>
/// <param name="ScoreAfter">The score at the review.</param>
/// <param name="EvidenceMoved">Whether its evidence moved (its criterion's sub-score rose, or it is no longer missing); null without an evidence field or a review.</param>
/// <param name="Result">The result (成果 / 得失).</param>
/// <param name="NeedsRemedy">Due (or done) and not successful: a remedy (補救) is to be planned.</param>
public sealed record ActionReview(
    long ActionId, string OpportunityId, string What, string Owner, DateOnly Due, string? EvidenceField, DateOnly PlannedOn, string PlannedBy,
    ActionState State, DateOnly StateOn, string StateBy, string? Note, long? BaselineRunId, long? ReviewedRunId, decimal? ScoreBefore, decimal? ScoreAfter,
    bool? EvidenceMoved, ActionResult Result, bool NeedsRemedy);

/// <summary>A person's decision over the engine's: always with a reason, an approver and an expiry (a day or a stage).</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Kind">What it overrides.</param>
/// <param name="Value">The decision, in the contract's words (relationshipBid, advance, B, …).</param>
/// <param name="Reason">Why.</param>
/// <param name="ApprovedBy">Who approved it.</param>
public sealed record OverrideDraft(string OpportunityId, OverrideKind Kind, string Value, string Reason, string ApprovedBy)
{
    /// <summary>The last day it applies.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>The stage at which it lapses (the contract's word: proposal, tender, …).</summary>
    public string? ExpiresAtStage { get; init; }
}

/// <summary>An override beside the engine's decision, as the last stored assessment has it.</summary>
/// <param name="OverrideId">The override's id.</param>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Kind">What it overrides.</param>
/// <param name="Value">The people's decision.</param>
/// <param name="EngineThen">The engine's decision when it was overridden.</param>
/// <param name="RunId">The run of the assessment it was about.</param>
/// <param name="Reason">Why.</param>
/// <param name="ApprovedBy">Who approved it.</param>
/// <param name="ExpiresOn">The last day it applies.</param>
/// <param name="ExpiresAtStage">The stage at which it lapses.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When (UTC).</param>
/// <param name="State">Where it stands.</param>
/// <param name="EngineNow">The engine's decision in the last stored assessment.</param>
/// <param name="StageNow">The stage in the last stored assessment.</param>
/// <param name="WithdrawnBecause">The withdrawal's reason, when withdrawn.</param>
public sealed record OverrideStatus(
    long OverrideId, string OpportunityId, OverrideKind Kind, string Value, string? EngineThen, long? RunId, string Reason, string ApprovedBy,
    DateOnly? ExpiresOn, string? ExpiresAtStage, string RecordedBy, DateTimeOffset RecordedAt, OverrideState State, string? EngineNow, string? StageNow,
    string? WithdrawnBecause);

/// <summary>An outcome to record.</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Result">Won, lost, noBid or withdrawn.</param>
/// <param name="ClosedOn">The day it closed.</param>
public sealed record OutcomeDraft(string OpportunityId, OutcomeResult Result, DateOnly ClosedOn)
{
    /// <summary>The winner, when lost.</summary>
    public string? Competitor { get; init; }

    /// <summary>The final price (ours when won, the winner's when known).</summary>
    public decimal? FinalPrice { get; init; }

    /// <summary>Where it came from: cli, csv, salesforce, api.</summary>
    public string Source { get; init; } = "cli";

    /// <summary>A note.</summary>
    public string? Note { get; init; }
}

/// <summary>An outcome as recorded.</summary>
/// <param name="OutcomeId">The entry's id.</param>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Result">Won, lost, noBid or withdrawn.</param>
/// <param name="ClosedOn">The day it closed.</param>
/// <param name="Competitor">The winner, when known.</param>
/// <param name="FinalPrice">The final price, when known.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Note">A note.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When (UTC).</param>
/// <param name="Current">Whether it is the opportunity's newest outcome entry (the one that counts; older ones were corrected).</param>
public sealed record RecordedOutcome(
    long OutcomeId, string OpportunityId, OutcomeResult Result, DateOnly ClosedOn, string? Competitor, decimal? FinalPrice, string Source, string? Note,
    string RecordedBy, DateTimeOffset RecordedAt, bool Current);
