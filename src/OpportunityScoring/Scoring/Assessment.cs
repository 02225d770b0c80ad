namespace OpportunityScoring;

/// <summary>
/// What the engine decided for one opportunity, and why: the grade, the 0–100 score with every point explained
/// (the <see cref="Reasons"/>' points add up to <see cref="Score"/>), red flags, the evidence still missing, and
/// the policy it was made under.
/// </summary>
public sealed class Assessment
{
    /// <summary>The opportunity's id.</summary>
    public required string Id { get; init; }

    /// <summary>The A–D grade (after knock-out caps).</summary>
    public required Grade Grade { get; init; }

    /// <summary>The weighted criteria score, 0–100: exactly the sum of the reasons' points.</summary>
    public required decimal Score { get; init; }

    /// <summary>The sub-score (0–100) of each of the seven criteria.</summary>
    public required CriterionScores Criteria { get; init; }

    /// <summary>The probability of winning, 0–1, from the policy's win-probability model.</summary>
    public required double WinProbability { get; init; }

    /// <summary>The gate of the current stage: advance, defer or end, and the evidence still needed.</summary>
    public required GateResult Gate { get; init; }

    /// <summary>The bid / no-bid decision with its fatal factors (up to the tender stage; absent after it).</summary>
    public BidResult? Bid { get; init; }

    /// <summary>Warnings that do not block (no coach, economic buyer not covered, procurement bypassed, …).</summary>
    public IReadOnlyList<RedFlag> RedFlags { get; init; } = [];

    /// <summary>Every rule that fired: its name, criterion, points and message.</summary>
    public IReadOnlyList<Reason> Reasons { get; init; } = [];

    /// <summary>The evidence still unknown: credited as unknown (never as no), and worth finding out.</summary>
    public IReadOnlyList<MissingEvidence> MissingEvidence { get; init; } = [];

    /// <summary>The knock-outs that capped the grade.</summary>
    public IReadOnlyList<KnockOut> KnockOuts { get; init; } = [];

    /// <summary>The policy the assessment was made under (name, version, SHA-256).</summary>
    public required PolicyStamp Policy { get; init; }

    /// <summary>What would improve it, ranked; only when explained (see <see cref="Explainer"/>), else <see langword="null"/>.</summary>
    public IReadOnlyList<Improvement>? Improvements { get; init; }

    /// <summary>The smallest changes that flip the grade or the bid decision; only when explained, else <see langword="null"/>.</summary>
    public IReadOnlyList<FlipPoint>? FlipPoints { get; init; }

    internal Assessment WithExplanation(IReadOnlyList<Improvement> improvements, IReadOnlyList<FlipPoint> flipPoints) => new()
    {
        Id = Id,
        Grade = Grade,
        Score = Score,
        Criteria = Criteria,
        WinProbability = WinProbability,
        Gate = Gate,
        Bid = Bid,
        RedFlags = RedFlags,
        Reasons = Reasons,
        MissingEvidence = MissingEvidence,
        KnockOuts = KnockOuts,
        Policy = Policy,
        Improvements = improvements,
        FlipPoints = flipPoints,
    };
}

/// <summary>The sub-score (0–100) of each criterion.</summary>
public sealed class CriterionScores
{
    /// <summary>需求.</summary>
    public decimal Need { get; init; }

    /// <summary>預算.</summary>
    public decimal Budget { get; init; }

    /// <summary>進度.</summary>
    public decimal Timeline { get; init; }

    /// <summary>競爭.</summary>
    public decimal Competition { get; init; }

    /// <summary>決策鏈.</summary>
    public decimal DecisionChain { get; init; }

    /// <summary>戰略符合.</summary>
    public decimal StrategicFit { get; init; }

    /// <summary>毛利率.</summary>
    public decimal GrossMargin { get; init; }

    /// <summary>The sub-score of a criterion.</summary>
    /// <param name="criterion">The criterion.</param>
    public decimal this[Criterion criterion] => criterion switch
    {
        Criterion.Need => Need,
        Criterion.Budget => Budget,
        Criterion.Timeline => Timeline,
        Criterion.Competition => Competition,
        Criterion.DecisionChain => DecisionChain,
        Criterion.StrategicFit => StrategicFit,
        Criterion.GrossMargin => GrossMargin,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };
}

/// <summary>One rule that fired and what it contributed.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Criterion">The criterion it scores, or <see langword="null"/> for rules that decide rather than score.</param>
/// <param name="Points">The points it added to the score (0 for rules that flag or decide).</param>
/// <param name="Message">What it found, for people.</param>
public sealed record Reason(string Rule, Criterion? Criterion, decimal Points, string Message);

/// <summary>A warning that does not block.</summary>
/// <param name="Code">A stable code, e.g. <c>noCoach</c>.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Rule">The rule that raised it.</param>
public sealed record RedFlag(string Code, string Message, string Rule);

/// <summary>A piece of evidence still unknown.</summary>
/// <param name="Field">The contract field, e.g. <c>budget.status</c>.</param>
/// <param name="Message">What to find out.</param>
public sealed record MissingEvidence(string Field, string Message);

/// <summary>A knock-out that capped the grade.</summary>
/// <param name="Code">The knock-out's code.</param>
/// <param name="Cap">The best grade it allows.</param>
/// <param name="Message">Why it fired.</param>
public sealed record KnockOut(string Code, Grade Cap, string Message);
