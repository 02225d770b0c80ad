namespace OpportunityScoring.Grading;

/// <summary>
/// The final score, inserted once by the grading rule set's total rule after every points rule has fired;
/// the grade band rules match it. One per session.
/// </summary>
/// <param name="Score">The total score, 0–100.</param>
internal sealed record TotalScore(decimal Score);
