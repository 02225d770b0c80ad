using OpportunityScoring.Engine;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Insights;

/// <summary>
/// Explains assessments: the improvements and the flip points, found by re-scoring variants with the same scorer.
/// About 20–100 re-scorings per opportunity, so only on request (<c>score --explain</c>, <c>report</c>), never on every
/// <see cref="IOpportunityScorer.Score(Opportunity, DateOnly?)"/>.
/// </summary>
public static class Explainer
{
    /// <summary>Scores an opportunity and explains the assessment.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <returns>
    /// The explanation; its assessment carries <see cref="Assessment.Improvements"/> and <see cref="Assessment.FlipPoints"/>
    /// (none for a closed opportunity: nothing done now can change a pursuit that has ended; in implementation, after the
    /// win, only the stage's work the gate still lacks, and no flip point: the evidence of the pursuit no longer decides).
    /// </returns>
    public static Explanation Explain(this IOpportunityScorer scorer, Opportunity opportunity, DateOnly asOf, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(opportunity);
        var assessment = scorer.Score(opportunity, asOf);
        if (opportunity.Stage == Stage.Closed)
        {
            return new Explanation { Opportunity = opportunity, AsOf = asOf, Assessment = assessment.WithExplanation([], []) };
        }

        return new Explanation
        {
            Opportunity = opportunity,
            AsOf = asOf,
            Assessment = assessment.WithExplanation(
                ImprovementFinder.Find(scorer, opportunity, assessment, asOf, texts),
                opportunity.Stage == Stage.Implementation ? [] : FlipPointFinder.Find(scorer, opportunity, assessment, asOf, texts)),
        };
    }

    /// <summary>A scorer whose every assessment is explained (improvements and flip points): for <c>score --explain</c> and batches.</summary>
    /// <param name="scorer">The scorer that scores.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <returns>The explaining scorer; its decisions are the wrapped scorer's (explanations do not change them).</returns>
    public static IOpportunityScorer Scorer(IOpportunityScorer scorer, Texts? texts = null) => new ExplainingScorer(scorer, texts);
}

/// <summary>A scorer whose every assessment is explained (improvements and flip points); for <c>score --explain</c> and batches.</summary>
/// <param name="inner">The scorer that scores.</param>
/// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
internal sealed class ExplainingScorer(IOpportunityScorer inner, Texts? texts = null) : IOpportunityScorer
{
    private readonly IOpportunityScorer _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public ScoringPolicy Policy => _inner.Policy;

    /// <inheritdoc />
    public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
    {
        var day = asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return _inner.Explain(opportunity, day, texts).Assessment;
    }

    /// <summary>The decisions of the wrapped scorer: explanations do not change them.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <returns>The decisions.</returns>
    public AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null) => _inner.Decide(opportunity, asOf);
}
