namespace OpportunityScoring.Ledger;

/// <summary>
/// The review loop (docs/ledger.md, "Plan, act, review"): action plans, people's overrides and outcomes, each an
/// entry with who and when — a correction is a new entry, nothing is deleted — and the decisions reviewed against
/// what happened.
/// </summary>
public partial interface IDecisionLedger
{
    /// <summary>Plans an action against an opportunity (one transaction); its baseline is the last complete assessment.</summary>
    /// <param name="draft">What, who, by when, the evidence field (or the improvement to take them from).</param>
    /// <param name="recordedBy">Who records it.</param>
    /// <returns>The action's id.</returns>
    /// <exception cref="LedgerException">The draft is incomplete (the message names the field), or the store cannot be written.</exception>
    long PlanAction(ActionDraft draft, string recordedBy);

    /// <summary>Records that an action was done, dropped, or reopened: a new entry, the earlier ones kept.</summary>
    /// <param name="actionId">The action.</param>
    /// <param name="state">Done, dropped, or open (reopened).</param>
    /// <param name="day">The day.</param>
    /// <param name="note">A note (why dropped, what was done).</param>
    /// <param name="recordedBy">Who records it.</param>
    /// <exception cref="LedgerException">No such action, or the store cannot be written.</exception>
    void MarkAction(long actionId, ActionState state, DateOnly day, string? note, string recordedBy);

    /// <summary>The actions, each reviewed against the last complete assessment of its opportunity (成果 / 得失, 補救).</summary>
    /// <param name="opportunityId">One opportunity's, or every opportunity's when <see langword="null"/>.</param>
    /// <param name="asOf">The day to judge due dates on; the last complete assessment's day when absent.</param>
    /// <returns>The actions, in the order they were planned.</returns>
    IReadOnlyList<ActionReview> Actions(string? opportunityId = null, DateOnly? asOf = null);

    /// <summary>Records a person's override of the engine's decision beside the last complete assessment (never replacing it).</summary>
    /// <param name="draft">The decision, the reason, the approver and the expiry.</param>
    /// <param name="recordedBy">Who records it.</param>
    /// <returns>The override's id.</returns>
    /// <exception cref="LedgerException">The draft is incomplete or the opportunity has no stored assessment (the message says which), or the store cannot be written.</exception>
    long Override(OverrideDraft draft, string recordedBy);

    /// <summary>Withdraws an override: a new entry naming it, with the reason.</summary>
    /// <param name="overrideId">The override.</param>
    /// <param name="reason">Why.</param>
    /// <param name="recordedBy">Who records it.</param>
    /// <exception cref="LedgerException">No such override, or the store cannot be written.</exception>
    void WithdrawOverride(long overrideId, string reason, string recordedBy);

    /// <summary>The overrides, each beside the engine's decision in the last complete assessment: active, lapsed, re-raised, withdrawn or superseded.</summary>
    /// <param name="opportunityId">One opportunity's, or all when <see langword="null"/>.</param>
    /// <param name="asOf">The day to judge expiry on; the last complete assessment's day when absent.</param>
    /// <returns>The overrides, oldest first.</returns>
    IReadOnlyList<OverrideStatus> OverridesOf(string? opportunityId = null, DateOnly? asOf = null);

    /// <summary>Records outcomes in one transaction (a correction is a new entry: the newest counts).</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <param name="recordedBy">Who records them.</param>
    /// <returns>How many were recorded.</returns>
    /// <exception cref="LedgerException">An outcome is incomplete (the message names it), or the store cannot be written; nothing is recorded then.</exception>
    int RecordOutcomes(IEnumerable<OutcomeDraft> outcomes, string recordedBy);

    /// <summary>The outcomes recorded, oldest first, the current one of each opportunity marked.</summary>
    /// <param name="opportunityId">One opportunity's, or all when <see langword="null"/>.</param>
    /// <returns>The entries.</returns>
    IReadOnlyList<RecordedOutcome> Outcomes(string? opportunityId = null);

    /// <summary>
    /// The win/loss review: the decisions against the outcomes, each closed opportunity judged by its last complete
    /// assessment before the close (no leakage).
    /// </summary>
    /// <param name="since">Only opportunities closed on or after this day.</param>
    /// <returns>The review.</returns>
    WinLossReview Review(DateOnly? since = null);
}
