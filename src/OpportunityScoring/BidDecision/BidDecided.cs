namespace OpportunityScoring.BidDecision;

/// <summary>The bid decision (or outlook), inserted once by the bid rule set so that gate rules can match it.</summary>
/// <param name="Decision">The decision.</param>
/// <param name="FatalFactors">The codes of the fatal factors that hold, in the catalogue's order (empty when none).</param>
internal sealed record BidDecided(BidRecommendation Decision, IReadOnlyList<string> FatalFactors);
