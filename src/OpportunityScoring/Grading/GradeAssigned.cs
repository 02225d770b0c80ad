namespace OpportunityScoring.Grading;

/// <summary>The grade, inserted once by the band rule so that rules needing the grade (gates) can match it.</summary>
/// <param name="Grade">The final grade (after knock-out caps).</param>
/// <param name="KnockOuts">The codes of the knock-outs that fired.</param>
internal sealed record GradeAssigned(Grade Grade, IReadOnlyList<string> KnockOuts);
