using OpportunityScoring.Engine;

namespace OpportunityScoring.Insights;

/// <summary>
/// The re-scorings of one explanation. Every variant is scored with the scorer that made the assessment; variants of
/// alike fields at the same value (<see cref="EvidenceField.Likeness"/>: two stakeholders with the same role,
/// influence, stance and coverage) are scored once, so an opportunity with N stakeholders costs at most one re-scoring
/// per kind of stakeholder and value, not one per stakeholder, and an explanation costs time linear in its size. The
/// token is checked before every re-scoring, so a caller that gives up stops the explanation within one of them.
/// </summary>
/// <param name="scorer">The scorer that made the assessment.</param>
/// <param name="asOf">The day of the assessment.</param>
/// <param name="cancellationToken">Stops the explanation (<see cref="OperationCanceledException"/>).</param>
internal sealed class Variants(IOpportunityScorer scorer, DateOnly asOf, CancellationToken cancellationToken = default)
{
    private readonly Dictionary<(object Field, int Value), Assessment?> _scored = [];
    private readonly Dictionary<(object Field, int Value), (Grade Grade, BidRecommendation? Bid)?> _decided = [];

    /// <summary>The scorer that made the assessment.</summary>
    public IOpportunityScorer Scorer => scorer;

    /// <summary>The day of the assessment.</summary>
    public DateOnly AsOf => asOf;

    /// <summary>Re-scores a variant; <see langword="null"/> when the rules refuse it (the variant is then not offered).</summary>
    /// <param name="variant">The variant.</param>
    /// <returns>Its assessment, or <see langword="null"/>.</returns>
    public Assessment? Score(Opportunity variant)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ImprovementFinder.Rescore(scorer, variant, asOf);
    }

    /// <summary>Re-scores the variant with one field at a value, once for all alike fields at that value.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="field">The field set.</param>
    /// <param name="value">The index of the value in <see cref="EvidenceField.Words"/>.</param>
    /// <returns>The variant's assessment, or <see langword="null"/> when the rules refuse it.</returns>
    public Assessment? Score(Opportunity opportunity, EvidenceField field, int value)
    {
        var key = (field.Likeness ?? field.Code, value);
        if (!_scored.TryGetValue(key, out var after))
        {
            after = Score(field.Set(opportunity, value)); // built only when first needed: setting a stakeholder's field copies the stakeholders
            _scored.Add(key, after);
        }

        return after;
    }

    /// <summary>
    /// The grade and the bid decision of the variant with one field at a value (all a flip point of a criterion reads),
    /// decided without explaining it (<see cref="IOpportunityScorer.Decide"/>), once for all alike fields at that value.
    /// </summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="field">The field set.</param>
    /// <param name="value">The index of the value in <see cref="EvidenceField.Words"/>.</param>
    /// <returns>The grade and the bid decision, or <see langword="null"/> when the rules refuse the variant.</returns>
    public (Grade Grade, BidRecommendation? Bid)? Decide(Opportunity opportunity, EvidenceField field, int value)
    {
        var key = (field.Likeness ?? field.Code, value);
        if (_scored.TryGetValue(key, out var scored))
        {
            return scored is null ? null : (scored.Grade, scored.Bid?.Decision);
        }

        if (!_decided.TryGetValue(key, out var decided))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var decisions = scorer.Decide(field.Set(opportunity, value), asOf);
                decided = (decisions.Grade, decisions.Bid);
            }
            catch (ScoringException)
            {
                decided = null;
            }

            _decided.Add(key, decided);
        }

        return decided;
    }
}
