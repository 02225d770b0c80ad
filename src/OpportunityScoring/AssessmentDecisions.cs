namespace OpportunityScoring;

/// <summary>How much of an assessment the rules record.</summary>
public enum ScoringDetail
{
    /// <summary>The whole <see cref="Assessment"/>: every reason with its points and message, the missing evidence, the messages.</summary>
    Full = 0,

    /// <summary>
    /// Only the <see cref="AssessmentDecisions"/>: the same rules fire and compute the same numbers, but no reason or
    /// message is built. For re-scoring a whole pipeline when only the decisions are wanted (a what-if, a CSV export).
    /// </summary>
    Decisions,
}

/// <summary>
/// The decisions of one assessment without its explanations: grade, score, sub-scores, win probability, gate, bid,
/// and the codes of the red flags and knock-outs. Equal, field for field, to <see cref="From"/> of the full
/// <see cref="Assessment"/> of the same opportunity under the same policy.
/// </summary>
public sealed record AssessmentDecisions
{
    /// <summary>The opportunity's id.</summary>
    public required string Id { get; init; }

    /// <summary>The A–D grade (after knock-out caps).</summary>
    public required Grade Grade { get; init; }

    /// <summary>The 0–100 score.</summary>
    public required decimal Score { get; init; }

    /// <summary>The sub-score (0–100) of each criterion.</summary>
    public required CriterionScores Criteria { get; init; }

    /// <summary>The probability of winning, 0–1.</summary>
    public required double WinProbability { get; init; }

    /// <summary>The stage the gate was decided for.</summary>
    public required Stage Stage { get; init; }

    /// <summary>The gate's outcome: advance, defer or end.</summary>
    public required GateOutcome GateOutcome { get; init; }

    /// <summary>The stage after the gate.</summary>
    public required Stage NextStage { get; init; }

    /// <summary>The bid decision, or <see langword="null"/> after the tender (no bid decision).</summary>
    public BidRecommendation? Bid { get; init; }

    /// <summary>Whether <see cref="Bid"/> is the tender's decision or an outlook before it; <see langword="null"/> when there is no bid.</summary>
    public BidKind? BidKind { get; init; }

    /// <summary>The red flags' codes, in the assessment's order.</summary>
    public IReadOnlyList<string> RedFlags { get; init; } = [];

    /// <summary>The knock-outs' codes, in the assessment's order.</summary>
    public IReadOnlyList<string> KnockOuts { get; init; } = [];

    /// <summary>How many pieces of evidence are still missing.</summary>
    public int MissingEvidence { get; init; }

    /// <summary>The policy the decisions were made under.</summary>
    public required PolicyStamp Policy { get; init; }

    /// <summary>The decisions of a full assessment.</summary>
    /// <param name="assessment">The assessment.</param>
    /// <returns>Its decisions.</returns>
    public static AssessmentDecisions From(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new AssessmentDecisions
        {
            Id = assessment.Id,
            Grade = assessment.Grade,
            Score = assessment.Score,
            Criteria = assessment.Criteria,
            WinProbability = assessment.WinProbability,
            Stage = assessment.Gate.Stage,
            GateOutcome = assessment.Gate.Outcome,
            NextStage = assessment.Gate.NextStage,
            Bid = assessment.Bid?.Decision,
            BidKind = assessment.Bid?.Kind,
            RedFlags = assessment.RedFlags.Count == 0 ? [] : assessment.RedFlags.Select(static f => f.Code).ToArray(),
            KnockOuts = assessment.KnockOuts.Count == 0 ? [] : assessment.KnockOuts.Select(static k => k.Code).ToArray(),
            MissingEvidence = assessment.MissingEvidence.Count,
            Policy = assessment.Policy,
        };
    }

    /// <summary>Whether two sets of decisions are the same, field for field (the code lists element by element).</summary>
    /// <param name="other">The other decisions.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(AssessmentDecisions? other) =>
        other is not null
        && Id == other.Id
        && Grade == other.Grade
        && Score == other.Score
        && Enum.GetValues<Criterion>().All(c => Criteria[c] == other.Criteria[c])
        && WinProbability.Equals(other.WinProbability)
        && Stage == other.Stage
        && GateOutcome == other.GateOutcome
        && NextStage == other.NextStage
        && Bid == other.Bid
        && BidKind == other.BidKind
        && RedFlags.SequenceEqual(other.RedFlags, StringComparer.Ordinal)
        && KnockOuts.SequenceEqual(other.KnockOuts, StringComparer.Ordinal)
        && MissingEvidence == other.MissingEvidence
        && Policy == other.Policy;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Grade, Score, WinProbability, GateOutcome, Bid, MissingEvidence);
}
