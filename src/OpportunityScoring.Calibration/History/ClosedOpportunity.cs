namespace OpportunityScoring.Calibration.History;

/// <summary>A closed opportunity from a won/lost history: the evidence as the contract describes it, and the outcome.</summary>
/// <param name="Opportunity">The opportunity (valid under the contract).</param>
/// <param name="Won">Whether it was won.</param>
public sealed record ClosedOpportunity(Opportunity Opportunity, bool Won);
