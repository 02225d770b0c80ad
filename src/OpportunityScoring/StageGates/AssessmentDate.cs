namespace OpportunityScoring.StageGates;

/// <summary>The day of the assessment, inserted into every session for rules that count days (staleness).</summary>
/// <param name="AsOf">The day.</param>
internal sealed record AssessmentDate(DateOnly AsOf);
