namespace OpportunityScoring.Calibration.History;

/// <summary>A closed opportunity of a won/lost history: the evidence as it stood before the decision, and the outcome.</summary>
/// <param name="Opportunity">The opportunity (contract object).</param>
/// <param name="Won">Whether it was won.</param>
public sealed record ClosedOpportunity(Opportunity Opportunity, bool Won)
{
    /// <summary>The opportunity's segment (the mapping's segment column), if the mapping has one and the cell is not empty.</summary>
    public string? Segment { get; init; }

    /// <summary>The deal size read from the mapping's amount column (after its factor), when the cell holds a positive amount; never the placeholder.</summary>
    public double? Amount { get; init; }
}
