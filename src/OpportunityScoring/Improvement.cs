namespace OpportunityScoring;

/// <summary>
/// One piece of evidence that, once confirmed at its best answer, would raise the score or change the grade, the gate
/// or the bid decision — found by re-scoring the opportunity with that evidence confirmed (never by a second copy of
/// the rules' logic).
/// </summary>
/// <param name="Code">The evidence's stable code, e.g. <c>budget.status</c> or <c>decisionChain.stakeholders[1].coverage</c>.</param>
/// <param name="Message">What to do and what it yields, e.g. "confirm the budget is approved: +9, C → B".</param>
/// <param name="Points">The points the score gains (the re-scored score minus the current score).</param>
/// <param name="ScoreAfter">The score after.</param>
/// <param name="GradeAfter">The grade after.</param>
/// <param name="GateAfter">The gate outcome after, when it changes.</param>
/// <param name="BidAfter">The bid decision after, when it changes.</param>
public sealed record Improvement(string Code, string Message, decimal Points, decimal ScoreAfter, Grade GradeAfter, GateOutcome? GateAfter = null, BidRecommendation? BidAfter = null);

/// <summary>What a flip point changes.</summary>
public enum FlipKind
{
    /// <summary>The bid decision.</summary>
    Bid = 0,
    /// <summary>The grade.</summary>
    Grade,
}

/// <summary>
/// The smallest change of one input that changes the grade or the bid decision, verified by re-scoring at the flip
/// value (the outcome changes) and, for numbers, one unit before it (it does not).
/// </summary>
public sealed record FlipPoint
{
    /// <summary>A stable code: <c>margin</c>, <c>cost</c>, or the evidence field (<c>budget.status</c>, …).</summary>
    public required string Code { get; init; }

    /// <summary>What changes: the bid decision or the grade.</summary>
    public required FlipKind Kind { get; init; }

    /// <summary>The criterion of the field, for criterion flips.</summary>
    public Criterion? Criterion { get; init; }

    /// <summary>The value now, in the contract's words or as a number.</summary>
    public required string From { get; init; }

    /// <summary>The value at the flip.</summary>
    public required string To { get; init; }

    /// <summary>For numbers, the change needed: margin points as a fraction (0.021 = 2.1 points), or the amount the cost must change by (negative: a cut).</summary>
    public decimal? Delta { get; init; }

    /// <summary>The outcome now (grade letter or bid decision word).</summary>
    public required string OutcomeBefore { get; init; }

    /// <summary>The outcome at the flip value.</summary>
    public required string OutcomeAfter { get; init; }

    /// <summary>Whether re-scoring confirmed it: the outcome changes at the flip value and, for numbers, not one unit before.</summary>
    public required bool Verified { get; init; }

    /// <summary>For people, e.g. "the margin must rise 2.1 points, or cost fall by 105,000, to clear the 15% floor".</summary>
    public required string Message { get; init; }
}
