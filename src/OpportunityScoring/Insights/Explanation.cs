namespace OpportunityScoring.Insights;
/// <summary>An assessment with what would change it: the improvements and the flip points.</summary>
public sealed class Explanation
{
    /// <summary>The opportunity explained.</summary>
    public required Opportunity Opportunity { get; init; }

    /// <summary>Its assessment, with <see cref="Assessment.Improvements"/> and <see cref="Assessment.FlipPoints"/> set.</summary>
    public required Assessment Assessment { get; init; }

    /// <summary>The day of the assessment.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The improvements, ranked: most points first, then the largest grade, gate and bid change.</summary>
    public IReadOnlyList<Improvement> Improvements => Assessment.Improvements ?? [];

    /// <summary>The flip points: margin and cost first, then the criteria.</summary>
    public IReadOnlyList<FlipPoint> FlipPoints => Assessment.FlipPoints ?? [];
}
