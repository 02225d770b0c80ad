using System.Text.Json.Serialization;

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

    /// <summary>What would improve it, ranked; only when explained (the insights' <c>Explainer</c>), else <see langword="null"/>.</summary>
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
public sealed record Reason : IHasMessageText
{
    /// <summary>The JSON writers' bytes of this element (<see cref="KeptJsonSlot"/>): not part of its value, not copied by <c>with</c>.</summary>
    internal KeptJsonSlot Json;

    private Reason(Reason original) => (Rule, Criterion, Points, Text) = (original.Rule, original.Criterion, original.Points, original.Text);

    /// <summary>Creates a reason with a plain-text message.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion it scores, or <see langword="null"/> for rules that decide rather than score.</param>
    /// <param name="points">The points it added to the score (0 for rules that flag or decide).</param>
    /// <param name="message">What it found, for people.</param>
    [JsonConstructor]
    public Reason(string rule, Criterion? criterion, decimal points, string message)
        : this(rule, criterion, points, MessageText.Literal(message))
    {
    }

    /// <summary>Creates a reason with a message from the catalogue (rendered in the reader's language).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion it scores, or <see langword="null"/>.</param>
    /// <param name="points">The points it added to the score.</param>
    /// <param name="text">What it found.</param>
    public Reason(string rule, Criterion? criterion, decimal points, MessageText text)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Criterion = criterion;
        Points = points;
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The rule's name.</summary>
    public string Rule { get; init; }

    /// <summary>The criterion it scores, or <see langword="null"/> for rules that decide rather than score.</summary>
    public Criterion? Criterion { get; init; }

    /// <summary>The points it added to the score (0 for rules that flag or decide).</summary>
    public decimal Points { get; init; }

    /// <summary>What it found, in English (see <see cref="Text"/> for other languages).</summary>
    public string Message => Text.ToString();

    /// <summary>What it found, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}

/// <summary>A warning that does not block.</summary>
public sealed record RedFlag : IHasMessageText
{
    /// <summary>The JSON writers' bytes of this element (<see cref="KeptJsonSlot"/>): not part of its value, not copied by <c>with</c>.</summary>
    internal KeptJsonSlot Json;

    private RedFlag(RedFlag original) => (Code, Text, Rule) = (original.Code, original.Text, original.Rule);

    /// <summary>Creates a red flag with a plain-text message.</summary>
    /// <param name="code">A stable code, e.g. <c>noCoach</c>.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="rule">The rule that raised it.</param>
    [JsonConstructor]
    public RedFlag(string code, string message, string rule)
        : this(code, MessageText.Literal(message), rule)
    {
    }

    /// <summary>Creates a red flag with a message from the catalogue.</summary>
    /// <param name="code">A stable code, e.g. <c>noCoach</c>.</param>
    /// <param name="text">What is wrong and what to do.</param>
    /// <param name="rule">The rule that raised it.</param>
    public RedFlag(string code, MessageText text, string rule)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
    }

    /// <summary>A stable code, e.g. <c>noCoach</c>.</summary>
    public string Code { get; init; }

    /// <summary>What is wrong and what to do, in English (see <see cref="Text"/>).</summary>
    public string Message => Text.ToString();

    /// <summary>The rule that raised it.</summary>
    public string Rule { get; init; }

    /// <summary>What is wrong and what to do, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}

/// <summary>A piece of evidence still unknown.</summary>
public sealed record MissingEvidence : IHasMessageText
{
    /// <summary>The JSON writers' bytes of this element (<see cref="KeptJsonSlot"/>): not part of its value, not copied by <c>with</c>.</summary>
    internal KeptJsonSlot Json;

    private MissingEvidence(MissingEvidence original) => (Field, Text) = (original.Field, original.Text);

    /// <summary>Creates the item with a plain-text message.</summary>
    /// <param name="field">The contract field, e.g. <c>budget.status</c>.</param>
    /// <param name="message">What to find out.</param>
    [JsonConstructor]
    public MissingEvidence(string field, string message)
        : this(field, MessageText.Literal(message))
    {
    }

    /// <summary>Creates the item with a message from the catalogue.</summary>
    /// <param name="field">The contract field, e.g. <c>budget.status</c>.</param>
    /// <param name="text">What to find out.</param>
    public MissingEvidence(string field, MessageText text)
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The contract field, e.g. <c>budget.status</c>.</summary>
    public string Field { get; init; }

    /// <summary>What to find out, in English (see <see cref="Text"/>).</summary>
    public string Message => Text.ToString();

    /// <summary>What to find out, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}

/// <summary>A knock-out that capped the grade.</summary>
public sealed record KnockOut : IHasMessageText
{
    /// <summary>The JSON writers' bytes of this element (<see cref="KeptJsonSlot"/>): not part of its value, not copied by <c>with</c>.</summary>
    internal KeptJsonSlot Json;

    private KnockOut(KnockOut original) => (Code, Cap, Text) = (original.Code, original.Cap, original.Text);

    /// <summary>Creates the knock-out with a plain-text message.</summary>
    /// <param name="code">The knock-out's code.</param>
    /// <param name="cap">The best grade it allows.</param>
    /// <param name="message">Why it fired.</param>
    [JsonConstructor]
    public KnockOut(string code, Grade cap, string message)
        : this(code, cap, MessageText.Literal(message))
    {
    }

    /// <summary>Creates the knock-out with a message from the catalogue.</summary>
    /// <param name="code">The knock-out's code.</param>
    /// <param name="cap">The best grade it allows.</param>
    /// <param name="text">Why it fired.</param>
    public KnockOut(string code, Grade cap, MessageText text)
    {
        Code = code ?? throw new ArgumentNullException(nameof(code));
        Cap = cap;
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The knock-out's code.</summary>
    public string Code { get; init; }

    /// <summary>The best grade it allows.</summary>
    public Grade Cap { get; init; }

    /// <summary>Why it fired, in English (see <see cref="Text"/>).</summary>
    public string Message => Text.ToString();

    /// <summary>Why it fired, as a code and arguments.</summary>
    [JsonIgnore]
    public MessageText Text { get; init; }
}

/// <summary>A record whose <c>message</c> is rendered from a <see cref="MessageText"/> (so JSON can be written in any language).</summary>
internal interface IHasMessageText
{
    MessageText Text { get; }
}
