using NRules.Extensibility;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Engine;

/// <summary>
/// What one rule session writes into: the three slices' ledgers (grading, the stage gate, the bid) over one shared
/// log of reasons, red flags and missing evidence; the dependency resolver that hands each rule its ledger; and the
/// builders of the assessment and of the decisions. One per opportunity and session; not thread safe. Rules gather
/// results here instead of inserting a fact per result (each inserted fact costs a Rete propagation).
/// </summary>
internal sealed class Scorecard : IDependencyResolver
{
    private readonly AssessmentLog _log;

    /// <summary>Creates an empty scorecard.</summary>
    /// <param name="opportunity">The opportunity being assessed.</param>
    /// <param name="policy">The validated policy.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="detail">Whether to keep the reasons and messages (<see cref="ScoringDetail.Full"/>) or only what <see cref="ToDecisions"/> needs.</param>
    public Scorecard(Opportunity opportunity, ScoringPolicy policy, DateOnly asOf, ScoringDetail detail = ScoringDetail.Full)
    {
        Opportunity = opportunity ?? throw new ArgumentNullException(nameof(opportunity));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        AsOf = asOf;
        Detail = detail;
        _log = new AssessmentLog(detail == ScoringDetail.Full);
        Grading = new GradeLedger(policy.Grading, _log);
        Gate = new GateLedger(opportunity.Stage, _log);
        Bid = new BidLedger(policy.Bid, opportunity, _log);
    }

    /// <summary>
    /// What the scorecard keeps. With <see cref="ScoringDetail.Decisions"/> every rule still fires and every number is
    /// computed exactly as with <see cref="ScoringDetail.Full"/>; only the reasons, the notes and the missing-evidence
    /// messages are not built, so <see cref="ToAssessment"/> is refused and <see cref="ToDecisions"/> is the result.
    /// </summary>
    public ScoringDetail Detail { get; }

    /// <summary>The opportunity being assessed.</summary>
    public Opportunity Opportunity { get; }

    /// <summary>The policy in force.</summary>
    public ScoringPolicy Policy { get; }

    /// <summary>The day of the assessment.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The grading ledger.</summary>
    public GradeLedger Grading { get; }

    /// <summary>The stage gate's ledger.</summary>
    public GateLedger Gate { get; }

    /// <summary>The bid's ledger.</summary>
    public BidLedger Bid { get; }

    /// <summary>The assessment log the ledgers write into.</summary>
    internal AssessmentLog Log => _log;

    /// <summary>
    /// The ledgers and the log, the compiled engine's dependencies (what rules resolve), in the order of
    /// <see cref="LedgerTypes"/>: a new array each time (the scorer passes them on the stack instead).
    /// </summary>
    public object[] Ledgers => [Grading, Gate, Bid, _log];

    /// <summary>Whether the run sorted the reasons by their rules' ranks (<see cref="ToAssessment"/> then compares no name).</summary>
    internal bool ReasonsRanked => _log.SortedByRank;

    /// <summary>The types of <see cref="Ledgers"/>, in their order.</summary>
    public static Type[] LedgerTypes { get; } = [typeof(GradeLedger), typeof(GateLedger), typeof(BidLedger), typeof(AssessmentLog)];

    /// <summary>Resolves a rule's ledger (<c>ctx.Resolve(typeof(GradeLedger))</c>, or a declared dependency).</summary>
    object IDependencyResolver.Resolve(IResolutionContext context, Type serviceType) => Resolve(serviceType)
        ?? throw new InvalidOperationException($"Rule {context?.Rule.Name} asked for {serviceType}; a scoring session provides the grading, gate and bid ledgers and the assessment log.");

    /// <summary>The ledger of a type, or <see langword="null"/>.</summary>
    public object? Resolve(Type serviceType) =>
        serviceType == typeof(GradeLedger) ? Grading : serviceType == typeof(GateLedger) ? Gate : serviceType == typeof(BidLedger) ? Bid
        : serviceType == typeof(AssessmentLog) ? _log : null;

    /// <summary>Builds the assessment once the session has fired.</summary>
    /// <exception cref="InvalidOperationException">No grade was assigned (a gap in the bands or a missing rule), or the gate or the win probability was not decided.</exception>
    public Assessment ToAssessment()
    {
        if (!_log.Explains)
        {
            throw new InvalidOperationException($"This scorecard kept only the decisions ({nameof(ScoringDetail)}.{Detail}); use {nameof(ToDecisions)}, or score with {nameof(ScoringDetail)}.{nameof(ScoringDetail.Full)}.");
        }

        return new Assessment
        {
            Id = Opportunity.Id,
            Grade = Grading.FinalGrade(Opportunity.Id),
            Score = Numbers.Normalize(Grading.Score),
            Criteria = Grading.SubScores(),
            Bid = Bid.Result,
            Gate = GateResult(),
            WinProbability = WinProbability(),
            RedFlags = _log.SortedRedFlags(),
            Reasons = _log.SortedReasons(),
            MissingEvidence = _log.SortedMissing(GradingCodes.FieldOrder),
            KnockOuts = Grading.SortedKnockOuts(),
            Policy = Policy.Stamp,
        };
    }

    /// <summary>
    /// Builds the decisions once the session has fired: the same grade, score, sub-scores, win probability, gate,
    /// bid, red-flag and knock-out codes and missing-evidence count as <see cref="ToAssessment"/> would carry, without
    /// the explanations. Works with either <see cref="Detail"/>.
    /// </summary>
    public AssessmentDecisions ToDecisions()
    {
        var grade = Grading.FinalGrade(Opportunity.Id);
        var gate = GateResult();
        return new AssessmentDecisions
        {
            Id = Opportunity.Id,
            Grade = grade,
            Score = Numbers.Normalize(Grading.Score),
            Criteria = Grading.SubScores(),
            WinProbability = WinProbability(),
            Stage = gate.Stage,
            GateOutcome = gate.Outcome,
            NextStage = gate.NextStage,
            Bid = Bid.Result?.Decision,
            BidKind = Bid.Result?.Kind,
            RedFlags = _log.SortedRedFlagCodes(),
            KnockOuts = Grading.KnockOutCodes(),
            MissingEvidence = _log.MissingCount,
            Policy = Policy.Stamp,
        };
    }

    private GateResult GateResult() => Gate.Result ?? throw new InvalidOperationException($"No rule decided the gate for opportunity {Opportunity.Id}.");

    private double WinProbability() => Grading.WinProbability ?? throw new InvalidOperationException($"No rule estimated the win probability for opportunity {Opportunity.Id}.");
}
