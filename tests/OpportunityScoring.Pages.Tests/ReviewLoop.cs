using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// A review loop recorded through the library (<see cref="IDecisionLedger"/>, as <c>plan add</c>, <c>override add</c>
/// and <c>POST /opportunities/{id}/actions|overrides</c> record it) against the earlier run, before the host starts:
/// on one tender with a bid decision, an action already overdue on the host's day (補救), one done, an override of the
/// bid decision in force that expires within the review window, a grade override that has lapsed by the host's day,
/// and a gate override withdrawn (its history).
/// </summary>
public sealed record ReviewLoop(string OpportunityId, long OverdueAction, long DoneAction, long BidOverride, long LapsedOverride, long WithdrawnOverride)
{
    public const string Owner = "KAM-07";
    public const string Director = "Sales director Wang";

    public static ReviewLoop Record(IDecisionLedger ledger, IReadOnlyList<BatchItem> earlier, DateOnly earlierDay, DateOnly day)
    {
        var tender = earlier.First(i => i.Opportunity is { Stage: Stage.Tender } && i.Assessment?.Bid is not null);
        var id = tender.Opportunity!.Id;
        var engine = tender.Assessment!.Bid!.Decision;
        var people = engine == BidRecommendation.RelationshipBid ? "bid" : "relationshipBid";
        var overdue = ledger.PlanAction(new ActionDraft(id, Owner, earlierDay.AddDays(7)) { What = "Confirm the budget with the customer's finance director", EvidenceField = "budget.status", PlannedOn = earlierDay }, "kam07");
        var done = ledger.PlanAction(new ActionDraft(id, Owner, day.AddDays(20)) { What = "Map the decision chain with the champion", EvidenceField = "decisionChain", PlannedOn = earlierDay }, "kam07");
        ledger.MarkAction(done, ActionState.Done, earlierDay.AddDays(10), "met the champion and the IT director", "kam07");
        var bid = ledger.Override(new OverrideDraft(id, OverrideKind.Bid, people, "The customer's CIO asked us to stay in the tender", Director) { ExpiresOn = day.AddDays(10) }, "kam07");
        var grade = tender.Assessment.Grade == Grade.A ? "B" : "A";
        var lapsed = ledger.Override(new OverrideDraft(id, OverrideKind.Grade, grade, "Strategic logo for the region", Director) { ExpiresOn = earlierDay.AddDays(5) }, "kam07");
        var withdrawn = ledger.Override(new OverrideDraft(id, OverrideKind.Gate, "advance", "Budget confirmed by phone", Director) { ExpiresAtStage = "implementation" }, "kam07");
        ledger.WithdrawOverride(withdrawn, "The budget was not confirmed in writing", "director.wang");
        return new ReviewLoop(id, overdue, done, bid, lapsed, withdrawn);
    }
}
