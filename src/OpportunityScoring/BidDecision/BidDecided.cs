namespace OpportunityScoring.BidDecision;

/// <summary>The bid decision, inserted once by the bid rule set so that gate rules can match it.</summary>
/// <param name="Decision">The decision.</param>
internal sealed record BidDecided(BidRecommendation Decision);
