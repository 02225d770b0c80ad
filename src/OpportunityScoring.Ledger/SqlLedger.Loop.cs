namespace OpportunityScoring.Ledger;

/// <summary>The review loop on the ledger's store (action plans, overrides, outcomes, the win/loss review).</summary>
internal sealed partial class SqlLedger
{
    public long PlanAction(ActionDraft draft, string recordedBy) => Guard(() => ActionPlans.Plan(this, draft, recordedBy));

    public void MarkAction(long actionId, ActionState state, DateOnly day, string? note, string recordedBy) =>
        Guard(() =>
        {
            ActionPlans.Mark(this, actionId, state, day, note, recordedBy);
            return 0;
        });

    public IReadOnlyList<ActionReview> Actions(string? opportunityId = null, DateOnly? asOf = null) => Guard(() => ActionPlans.List(this, opportunityId, asOf));

    public long Override(OverrideDraft draft, string recordedBy) => Guard(() => OverrideBook.Add(this, draft, recordedBy));

    public void WithdrawOverride(long overrideId, string reason, string recordedBy) =>
        Guard(() =>
        {
            OverrideBook.Withdraw(this, overrideId, reason, recordedBy);
            return 0;
        });

    public IReadOnlyList<OverrideStatus> OverridesOf(string? opportunityId = null, DateOnly? asOf = null) => Guard(() => OverrideBook.List(this, opportunityId, asOf));

    public int RecordOutcomes(IEnumerable<OutcomeDraft> outcomes, string recordedBy) => Guard(() => OutcomeBook.Record(this, outcomes, recordedBy));

    public IReadOnlyList<RecordedOutcome> Outcomes(string? opportunityId = null) => Guard(() => OutcomeBook.List(this, opportunityId));

    public WinLossReview Review(DateOnly? since = null) => Guard(() => WinLossReviewer.Review(this, since));
}
