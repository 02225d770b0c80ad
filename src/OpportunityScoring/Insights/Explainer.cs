using OpportunityScoring.Engine;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Insights;

/// <summary>
/// Explains assessments: the improvements and the flip points, found by re-scoring variants with the same scorer.
/// About 20–100 re-scorings per opportunity, so only on request (<c>score --explain</c>, <c>report</c>), never on every
/// <see cref="IOpportunityScorer.Score(Opportunity, DateOnly?)"/>. Stakeholders alike in all but their name and place
/// are re-scored once for all of them, so the cost grows linearly with the number of stakeholders, not with its square.
/// </summary>
public static class Explainer
{
    /// <summary>Scores an opportunity and explains the assessment.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the explanation between two re-scorings (a request whose client has gone, or whose time is up).</param>
    /// <returns>
    /// The explanation; its assessment carries <see cref="Assessment.Improvements"/> and <see cref="Assessment.FlipPoints"/>
    /// (none for a closed opportunity: nothing done now can change a pursuit that has ended; in implementation, after the
    /// win, only the stage's work the gate still lacks, and no flip point: the evidence of the pursuit no longer decides).
    /// </returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Explanation Explain(this IOpportunityScorer scorer, Opportunity opportunity, DateOnly asOf, Texts? texts = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(opportunity);
        cancellationToken.ThrowIfCancellationRequested();
        var assessment = scorer.Score(opportunity, asOf);
        if (opportunity.Stage == Stage.Closed)
        {
            return new Explanation { Opportunity = opportunity, AsOf = asOf, Assessment = assessment.WithExplanation([], []) };
        }

        var variants = new Variants(scorer, asOf, cancellationToken); // one set of re-scorings for both: an improvement's variant is often a flip's
        return new Explanation
        {
            Opportunity = opportunity,
            AsOf = asOf,
            Assessment = assessment.WithExplanation(
                ImprovementFinder.Find(variants, opportunity, assessment, texts),
                opportunity.Stage == Stage.Implementation ? [] : FlipPointFinder.Find(variants, opportunity, assessment, texts)),
        };
    }

    /// <summary>A scorer whose every assessment is explained (improvements and flip points): for <c>score --explain</c> and batches.</summary>
    /// <param name="scorer">The scorer that scores.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <param name="cancellationToken">
    /// Stops every explanation between two re-scorings (<see cref="OperationCanceledException"/>; a batch stops with
    /// it): the request or the run the scorer works for.
    /// </param>
    /// <returns>The explaining scorer; its decisions are the wrapped scorer's (explanations do not change them).</returns>
    public static IOpportunityScorer Scorer(IOpportunityScorer scorer, Texts? texts = null, CancellationToken cancellationToken = default) => new ExplainingScorer(scorer, texts, cancellationToken);
}

/// <summary>A scorer whose every assessment is explained (improvements and flip points); for <c>score --explain</c> and batches.</summary>
/// <param name="inner">The scorer that scores.</param>
/// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
/// <param name="cancellationToken">Stops every explanation between two re-scorings.</param>
internal sealed class ExplainingScorer(IOpportunityScorer inner, Texts? texts = null, CancellationToken cancellationToken = default) : IOpportunityScorer
{
    private readonly IOpportunityScorer _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public ScoringPolicy Policy => _inner.Policy;

    /// <inheritdoc />
    public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
    {
        var day = asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return _inner.Explain(opportunity, day, texts, cancellationToken).Assessment;
    }

    /// <summary>The decisions of the wrapped scorer: explanations do not change them.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <returns>The decisions.</returns>
    public AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null) => _inner.Decide(opportunity, asOf);
}
