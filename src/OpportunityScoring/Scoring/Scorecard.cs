using System.Globalization;
using OpportunityScoring.Json;

namespace OpportunityScoring;

/// <summary>
/// The order results are listed in: the catalogue's order (criteria, items, requirements, factors), so an
/// assessment does not depend on the order the engine happened to fire rules in.
/// </summary>
internal static class CanonicalOrder
{
    private static readonly Dictionary<string, int> Fields = PolicyCatalog.CriterionNames
        .SelectMany(c => PolicyCatalog.Items[c].Select(i => c + "." + i))
        .Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

    public static int Field(string field) => Fields.TryGetValue(field, out var i) ? i : int.MaxValue;

    public static int Index(IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

/// <summary>
/// The accumulator one rule session writes its results into: points per evidence item, red flags, missing
/// evidence, knock-out caps and the grade. One per opportunity and session; not thread safe.
/// Rules gather results here instead of inserting a fact per result (each inserted fact costs a Rete propagation).
/// </summary>
public sealed class Scorecard : NRules.Extensibility.IDependencyResolver
{
    private readonly List<Reason> _reasons;
    private readonly List<RedFlag> _redFlags = [];
    private readonly List<MissingEvidence> _missing;
    private readonly List<KnockOut> _knockOuts = [];
    private readonly decimal[] _subScores = new decimal[7];
    private readonly List<GateItem> _gateMissing = [];
    private readonly List<GateItem> _gateEnds = [];
    private readonly List<FatalFactor> _fatal = [];
    private readonly List<GateItem> _bidReviews = [];
    private CostRisk? _costRisk;
    private BidEconomics? _economics;
    private Grade? _cap;
    private CriterionScores? _criteria;
    private readonly bool _explain;
    private int _missingCount;

    /// <summary>Creates an empty scorecard that keeps every explanation.</summary>
    /// <param name="opportunity">The opportunity being assessed.</param>
    /// <param name="policy">The validated policy.</param>
    /// <param name="asOf">The day of the assessment.</param>
    public Scorecard(Opportunity opportunity, ScoringPolicy policy, DateOnly asOf)
        : this(opportunity, policy, asOf, ScoringDetail.Full)
    {
    }

    /// <summary>Creates an empty scorecard that keeps the explanations or only the decisions.</summary>
    /// <param name="opportunity">The opportunity being assessed.</param>
    /// <param name="policy">The validated policy.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="detail">Whether to keep the reasons and messages (<see cref="ScoringDetail.Full"/>) or only what <see cref="ToDecisions"/> needs.</param>
    public Scorecard(Opportunity opportunity, ScoringPolicy policy, DateOnly asOf, ScoringDetail detail)
    {
        Opportunity = opportunity ?? throw new ArgumentNullException(nameof(opportunity));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        AsOf = asOf;
        Detail = detail;
        _explain = detail == ScoringDetail.Full;
        _reasons = _explain ? new(24) : [];
        _missing = _explain ? new(8) : [];
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

    /// <summary>The score so far: the sum of the points added.</summary>
    public decimal Score { get; private set; }

    /// <summary>The grade, once a band rule has assigned it.</summary>
    public Grade? Grade { get; private set; }

    /// <summary>The rule that assigned the grade.</summary>
    public string? GradedBy { get; private set; }

    /// <summary>The codes of the knock-outs applied so far.</summary>
    public IEnumerable<string> KnockOutCodes => CodesOf(SortedKnockOuts(), static k => k.Code);

    /// <summary>Whether every points rule has run and the score is final.</summary>
    public bool Totalled { get; private set; }

    /// <summary>
    /// Adds the points one evidence item earns: criterion weight × item share × credit. An unknown answer also
    /// records the evidence as missing; it earns the policy's credit for unknown, never the credit for no.
    /// </summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion.</param>
    /// <param name="item">The evidence item (as named in the policy).</param>
    /// <param name="answer">The answer found, in the contract's words, for the message.</param>
    /// <param name="credit">The credit (0–1) the policy gives that answer.</param>
    /// <param name="unknown">Whether the evidence is unknown.</param>
    public void AddCredit(string rule, Criterion criterion, string item, string answer, decimal credit, bool unknown) =>
        Credit(rule, criterion, item, answer, credit, unknown);

    /// <summary>Adds the points one evidence item earns, with an answer described by a catalogue message (e.g. "3 stakeholders mapped").</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion.</param>
    /// <param name="item">The evidence item (as named in the policy).</param>
    /// <param name="answer">The answer found, for the message.</param>
    /// <param name="credit">The credit (0–1) the policy gives that answer.</param>
    /// <param name="unknown">Whether the evidence is unknown.</param>
    public void AddCredit(string rule, Criterion criterion, string item, MessageText answer, decimal credit, bool unknown) =>
        Credit(rule, criterion, item, answer, credit, unknown);

    private void Credit(string rule, Criterion criterion, string item, object answer, decimal credit, bool unknown)
    {
        EnsureOpen(rule);
        var evidence = Policy.Tables.Items[(int)criterion][item]; // one lookup: field, name, share and weight
        var points = evidence.Max * credit;
        Score += points; // trailing zeros are stripped once, from the total (the sum's value does not depend on them)
        _subScores[(int)criterion] += evidence.SubScoreShare * credit;
        if (unknown)
        {
            _missingCount++;
        }

        if (!_explain)
        {
            return;
        }

        _reasons.Add(new Reason(rule, criterion, Numbers.Normalize(points), unknown
            ? MessageText.Of("reason.credit.unknown", evidence.Name, credit * 100m, evidence.Max)
            : MessageText.Of("reason.credit", evidence.Name, answer, credit * 100m, evidence.Max)));
        if (unknown)
        {
            _missing.Add(new MissingEvidence(evidence.Field, evidence.FindOut));
        }
    }

    /// <summary>
    /// Adds the points a yes / partial / no / unknown answer earns on the policy's answer scale (the common case of
    /// <see cref="AddCredit(string, Criterion, string, string, decimal, bool)"/>: the word, the credit and whether it is unknown all follow from the answer).
    /// </summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion.</param>
    /// <param name="item">The evidence item (as named in the policy).</param>
    /// <param name="answer">The answer.</param>
    public void AddAnswer(string rule, Criterion criterion, string item, Evidence answer) =>
        AddCredit(rule, criterion, item, PolicyCatalog.Word(answer), Policy.Credit(answer), answer == Evidence.Unknown);

    /// <summary>Records that a rule fired without adding points (a decision or a flag), so every firing is explained.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned, if any.</param>
    /// <param name="message">What the rule found.</param>
    public void Note(string rule, Criterion? criterion, string message) => Note(rule, criterion, MessageText.Literal(message));

    /// <summary>Records that a rule fired without adding points, with a message from the catalogue.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned, if any.</param>
    /// <param name="message">What the rule found.</param>
    public void Note(string rule, Criterion? criterion, MessageText message)
    {
        if (_explain)
        {
            _reasons.Add(new Reason(rule, criterion, 0m, message));
        }
    }

    /// <summary>Raises a red flag (and notes the rule among the reasons).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The flag's stable code.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public void Flag(string rule, Criterion? criterion, string code, string message) => Flag(rule, criterion, code, MessageText.Literal(message));

    /// <summary>Raises a red flag with the catalogue's text for its code (<c>redFlag.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The flag's stable code.</param>
    public void Flag(string rule, Criterion? criterion, string code) => Flag(rule, criterion, code, Text("redFlag.", code));

    /// <summary>Raises a red flag with a message from the catalogue (and notes the rule among the reasons).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The flag's stable code.</param>
    /// <param name="message">What is wrong and what to do.</param>
    public void Flag(string rule, Criterion? criterion, string code, MessageText message)
    {
        _redFlags.Add(new RedFlag(code, message, rule));
        Note(rule, criterion, message);
    }

    /// <summary>Records evidence still missing, beyond what <see cref="AddCredit(string, Criterion, string, string, decimal, bool)"/> records.</summary>
    /// <param name="field">The contract field.</param>
    /// <param name="message">What to find out.</param>
    public void AddMissing(string field, string message) => AddMissing(field, MessageText.Literal(message));

    /// <summary>Records evidence still missing, with a message from the catalogue.</summary>
    /// <param name="field">The contract field.</param>
    /// <param name="message">What to find out.</param>
    public void AddMissing(string field, MessageText message)
    {
        _missingCount++;
        if (_explain)
        {
            _missing.Add(new MissingEvidence(field, message));
        }
    }

    /// <summary>Applies a knock-out: caps the grade at the policy's cap for that code.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The knock-out's code; it must be in the policy.</param>
    /// <param name="message">Why it fired.</param>
    public void KnockOut(string rule, Criterion criterion, string code, string message) => KnockOut(rule, criterion, code, MessageText.Literal(message));

    /// <summary>Applies a knock-out with the catalogue's text for its code (<c>knockOut.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The knock-out's code; it must be in the policy.</param>
    public void KnockOut(string rule, Criterion criterion, string code) => KnockOut(rule, criterion, code, Text("knockOut.", code));

    /// <summary>Applies a knock-out: caps the grade at the policy's cap for that code.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="criterion">The criterion concerned.</param>
    /// <param name="code">The knock-out's code; it must be in the policy.</param>
    /// <param name="message">Why it fired.</param>
    public void KnockOut(string rule, Criterion criterion, string code, MessageText message)
    {
        EnsureOpen(rule);
        var ko = Policy.KnockOut(code) ?? throw new InvalidOperationException($"Rule {rule} applied knock-out '{code}', which the policy does not define.");
        _knockOuts.Add(new KnockOut(code, ko.Cap, message));
        if (_cap is null || ko.Cap > _cap)
        {
            _cap = ko.Cap;
        }

        if (_explain)
        {
            Note(rule, criterion, MessageText.Of("reason.knockOut", code, message, ko.Cap.ToString()));
        }
    }

    /// <summary>Closes the score: no points may be added after this. Called by the grading rule set's total rule.</summary>
    /// <param name="rule">The rule's name.</param>
    public void Total(string rule)
    {
        EnsureOpen(rule);
        Score = Numbers.Normalize(Score);
        Totalled = true;
    }

    /// <summary>
    /// Assigns the grade of the band the score fell in, capped by any knock-out. Hit policy <em>unique</em>:
    /// a second assignment is a rule-set defect and throws.
    /// </summary>
    /// <param name="rule">The band rule's name.</param>
    /// <param name="band">The band's grade.</param>
    /// <exception cref="InvalidOperationException">A grade was already assigned (overlapping bands) or the score is not totalled.</exception>
    public void AssignGrade(string rule, Grade band)
    {
        if (!Totalled)
        {
            throw new InvalidOperationException($"Rule {rule} assigned a grade before the score was totalled.");
        }

        if (Grade is not null)
        {
            throw new InvalidOperationException($"Hit policy violated: rule {rule} assigned grade {band} after {GradedBy} assigned {Grade} (score {F(Score)}); grade bands must not overlap.");
        }

        var grade = _cap is { } cap && cap > band ? cap : band;
        Grade = grade;
        GradedBy = rule;
        if (!_explain)
        {
            return;
        }

        var b = Policy.Band(band);
        Note(rule, null, grade == band
            ? MessageText.Of(b.Max == 100m ? "reason.band.closed" : "reason.band", Score, band.ToString(), b.Min, b.Max)
            : MessageText.Of("reason.band.capped", Score, band.ToString(), grade.ToString()));
    }

    /// <summary>The win probability, once estimated.</summary>
    public double? WinProbability { get; private set; }

    /// <summary>Estimates the win probability from the total score, the sub-scores and the rule signals with the policy's model.</summary>
    /// <param name="rule">The rule's name.</param>
    public void EstimateWinProbability(string rule)
    {
        if (!Totalled)
        {
            throw new InvalidOperationException($"Rule {rule} estimated the win probability before the score was totalled.");
        }

        var model = Policy.WinProbability;
        var p = model.Probability(Score, SubScores(), _knockOuts.Count, _redFlags);
        WinProbability = p;
        if (!_explain)
        {
            return;
        }

        Note(rule, null, Policy.Metadata.Calibrated
            ? MessageText.Of("reason.winProbability.calibrated", p, (object?)Policy.Metadata.Dataset ?? WonLostHistory)
            : MessageText.Of("reason.winProbability.default", p, model.Intercept, model.ScoreSlope, Score));
    }

    /// <summary>The gate result, once decided.</summary>
    public GateResult? Gate { get; private set; }

    /// <summary>Records evidence the current stage's gate still needs.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The requirement's stable code.</param>
    /// <param name="message">What to obtain.</param>
    public void GateMissing(string rule, string code, string message) => GateMissing(rule, code, MessageText.Literal(message));

    /// <summary>Records evidence the current stage's gate still needs, with the catalogue's text for its code (<c>gate.missing.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The requirement's stable code.</param>
    public void GateMissing(string rule, string code) => GateMissing(rule, code, Text("gate.missing.", code));

    /// <summary>Records evidence the current stage's gate still needs.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The requirement's stable code.</param>
    /// <param name="message">What to obtain.</param>
    public void GateMissing(string rule, string code, MessageText message)
    {
        EnsureGateOpen(rule);
        _gateMissing.Add(new GateItem(code, message));
        if (_explain)
        {
            Note(rule, null, MessageText.Of("reason.gate.missing", PolicyCatalog.Word(Opportunity.Stage), code, message));
        }
    }

    /// <summary>Records a reason the pursuit ends (the project is closed).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    /// <param name="message">Why, in the source's terms.</param>
    public void EndPursuit(string rule, string code, string message) => EndPursuit(rule, code, MessageText.Literal(message));

    /// <summary>Records a reason the pursuit ends, with the catalogue's text for its code (<c>gate.end.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    public void EndPursuit(string rule, string code) => EndPursuit(rule, code, Text("gate.end.", code));

    /// <summary>Records a reason the pursuit ends (the project is closed).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    /// <param name="message">Why, in the source's terms.</param>
    public void EndPursuit(string rule, string code, MessageText message)
    {
        EnsureGateOpen(rule);
        _gateEnds.Add(new GateItem(code, message));
        if (_explain)
        {
            Note(rule, null, MessageText.Of("reason.gate.end", code, message));
        }
    }

    /// <summary>
    /// Decides the gate: end when any reason to end was recorded, else defer when evidence is missing, else advance.
    /// Called once, by the stage-gate rule set's decision rule, after every gate rule has fired.
    /// </summary>
    /// <param name="rule">The rule's name.</param>
    public void DecideGate(string rule)
    {
        EnsureGateOpen(rule);
        var stage = Opportunity.Stage;
        var outcome = _gateEnds.Count > 0 || stage == Stage.Closed ? GateOutcome.End : _gateMissing.Count > 0 ? GateOutcome.Defer : GateOutcome.Advance;
        var ends = StableSort.ToSortedArray(_gateEnds, ByCode);
        Gate = new GateResult
        {
            Stage = stage,
            Outcome = outcome,
            NextStage = outcome switch
            {
                GateOutcome.Advance => PolicyCatalog.NextStage(stage),
                GateOutcome.Defer => stage,
                _ => Stage.Closed,
            },
            Missing = _gateMissing.Count == 0 ? [] : SortGateMissing(stage),
            EndedBy = ends,
        };
        if (!_explain)
        {
            return;
        }

        var stageWord = PolicyCatalog.Word(stage);
        Note(rule, null, outcome switch
        {
            GateOutcome.Advance => MessageText.Of("reason.gate.advance", stageWord, PolicyCatalog.Word(Gate.NextStage)),
            GateOutcome.Defer => MessageText.Of("reason.gate.defer", stageWord, _gateMissing.Count),
            _ => stage == Stage.Closed ? ProjectClosed : MessageText.Of("reason.gate.ended", stageWord, Codes(ends, static e => e.Code)),
        });
    }

    /// <summary>The gate's missing items in the order of the stage's requirements.</summary>
    private GateItem[] SortGateMissing(Stage stage) =>
        StableSort.ToSortedArray(_gateMissing, PolicyCatalog.GateRequirements.GetValueOrDefault(stage, []), static (requirements, m) => CanonicalOrder.Index(requirements, m.Code), ByCode);

    private void EnsureGateOpen(string rule)
    {
        if (Gate is not null)
        {
            throw new InvalidOperationException($"Rule {rule} changed the gate after it was decided; give it a higher priority than the gate decision rule.");
        }
    }

    /// <summary>The bid decision, once decided (absent for implementation and closed).</summary>
    public BidResult? Bid { get; private set; }

    /// <summary>Records a fatal factor: a reason not to bid.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The factor's stable code.</param>
    /// <param name="message">What it means.</param>
    /// <param name="threshold">The threshold it broke.</param>
    /// <param name="actual">The actual value.</param>
    public void Fatal(string rule, string code, string message, FactorValue threshold, FactorValue actual) => Fatal(rule, code, MessageText.Literal(message), threshold, actual);

    /// <summary>Records a fatal factor with the catalogue's text for its code (<c>fatal.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The factor's stable code.</param>
    /// <param name="threshold">The threshold it broke.</param>
    /// <param name="actual">The actual value.</param>
    public void Fatal(string rule, string code, FactorValue threshold, FactorValue actual) => Fatal(rule, code, Text("fatal.", code), threshold, actual);

    /// <summary>Records a fatal factor: a reason not to bid.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The factor's stable code.</param>
    /// <param name="message">What it means.</param>
    /// <param name="threshold">The threshold it broke.</param>
    /// <param name="actual">The actual value.</param>
    public void Fatal(string rule, string code, MessageText message, FactorValue threshold, FactorValue actual)
    {
        EnsureBidOpen(rule);
        _fatal.Add(new FatalFactor(code, message, threshold, actual));
        if (_explain)
        {
            Note(rule, null, MessageText.Of("reason.fatal", code, message, threshold, actual));
        }
    }

    /// <summary>Records a reason the bid needs people to review it.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    /// <param name="message">What to review.</param>
    public void ReviewBid(string rule, string code, string message) => ReviewBid(rule, code, MessageText.Literal(message));

    /// <summary>Records a reason the bid needs review, with the catalogue's text for its code (<c>review.{code}</c>).</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    public void ReviewBid(string rule, string code) => ReviewBid(rule, code, Text("review.", code));

    /// <summary>Records a reason the bid needs people to review it.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="code">The reason's stable code.</param>
    /// <param name="message">What to review.</param>
    public void ReviewBid(string rule, string code, MessageText message)
    {
        EnsureBidOpen(rule);
        _bidReviews.Add(new GateItem(code, message));
        if (_explain)
        {
            Note(rule, null, MessageText.Of("reason.review", code, message));
        }
    }

    /// <summary>Records the cost risk computed from the cost range.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="risk">The risk.</param>
    public void SetCostRisk(string rule, CostRisk risk)
    {
        EnsureBidOpen(rule);
        _costRisk = risk;
        if (_explain)
        {
            Note(rule, Criterion.GrossMargin, MessageText.Of("reason.costRisk", risk.Distribution.ToString(), risk.Method.ToString(), risk.ProbabilityBelowFloor, risk.ProbabilityOfLoss));
        }
    }

    /// <summary>Records the bid economics.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="economics">The economics.</param>
    public void SetEconomics(string rule, BidEconomics economics)
    {
        EnsureBidOpen(rule);
        _economics = economics ?? throw new ArgumentNullException(nameof(economics));
        if (!_explain)
        {
            return;
        }

        Note(rule, null, economics.BreakEvenWinProbability is { } b
            ? MessageText.Of("reason.economics.breakEven", economics.ExpectedValue, economics.WinProbability, economics.MarginAmount, economics.BidCost, b)
            : MessageText.Of("reason.economics", economics.ExpectedValue, economics.WinProbability, economics.MarginAmount, economics.BidCost));
    }

    /// <summary>Decides the bid: no-bid when any fatal factor holds, else review when any review reason, else bid.</summary>
    /// <param name="rule">The rule's name.</param>
    /// <param name="grossMargin">The gross margin, if known.</param>
    /// <param name="netMargin">The net margin, if known.</param>
    /// <returns>The decision.</returns>
    public BidDecision DecideBid(string rule, decimal? grossMargin, decimal? netMargin)
    {
        EnsureBidOpen(rule);
        var decision = _fatal.Count > 0 ? BidDecision.NoBid : _bidReviews.Count > 0 ? BidDecision.Review : BidDecision.Bid;
        var fatal = StableSort.ToSortedArray(_fatal, static (x, y) => ByCatalogue(PolicyCatalog.FatalFactorCodes, x.Code, y.Code));
        var reviews = StableSort.ToSortedArray(_bidReviews, ByCode);
        Bid = new BidResult
        {
            Decision = decision,
            GrossMargin = grossMargin is { } g ? Numbers.Normalize(Math.Round(g, 6, MidpointRounding.AwayFromZero)) : null,
            NetMargin = netMargin is { } n ? Numbers.Normalize(Math.Round(n, 6, MidpointRounding.AwayFromZero)) : null,
            MarginFloor = Numbers.Normalize(Policy.MarginFloor(Opportunity)),
            FatalFactors = fatal,
            ReviewReasons = reviews,
            CostRisk = _costRisk,
            Economics = _economics,
        };
        if (!_explain)
        {
            return decision;
        }

        Note(rule, null, decision switch
        {
            BidDecision.NoBid => MessageText.Of("reason.bid.noBid", Codes(fatal, static f => f.Code)),
            BidDecision.Review => MessageText.Of("reason.bid.review", Codes(reviews, static r => r.Code)),
            _ => BidClear,
        });
        return decision;
    }

    private void EnsureBidOpen(string rule)
    {
        if (Bid is not null)
        {
            throw new InvalidOperationException($"Rule {rule} changed the bid after it was decided; give it a higher priority than the bid decision rule.");
        }
    }

    /// <summary>Resolves the scorecard for rules that declare it as a dependency (<c>Dependency().Resolve(() =&gt; card)</c>).</summary>
    /// <param name="context">The resolution context.</param>
    /// <param name="serviceType">The type asked for.</param>
    /// <returns>This scorecard.</returns>
    object NRules.Extensibility.IDependencyResolver.Resolve(NRules.Extensibility.IResolutionContext context, Type serviceType) =>
        serviceType == typeof(Scorecard) ? this : throw new InvalidOperationException($"Rule {context?.Rule.Name} asked for {serviceType}; a scoring session provides only the Scorecard.");

    /// <summary>Builds the assessment once the session has fired.</summary>
    /// <returns>The assessment.</returns>
    /// <exception cref="InvalidOperationException">No grade was assigned (a gap in the bands or a missing rule).</exception>
    public Assessment ToAssessment()
    {
        if (!_explain)
        {
            throw new InvalidOperationException($"This scorecard kept only the decisions ({nameof(ScoringDetail)}.{Detail}); use {nameof(ToDecisions)}, or score with {nameof(ScoringDetail)}.{nameof(ScoringDetail.Full)}.");
        }

        var grade = FinalGrade();
        return new Assessment
        {
            Id = Opportunity.Id,
            Grade = grade,
            Score = Numbers.Normalize(Score),
            Criteria = SubScores(),
            Bid = Bid,
            Gate = Gate ?? throw new InvalidOperationException($"No rule decided the gate for opportunity {Opportunity.Id}."),
            WinProbability = WinProbability ?? throw new InvalidOperationException($"No rule estimated the win probability for opportunity {Opportunity.Id}."),
            RedFlags = SortedRedFlags(),
            Reasons = StableSort.ToSortedArray(_reasons, static (x, y) =>
            {
                var c = (x.Criterion is { } cx ? (int)cx : int.MaxValue).CompareTo(y.Criterion is { } cy ? (int)cy : int.MaxValue);
                return c != 0 ? c : string.CompareOrdinal(x.Rule, y.Rule);
            }),
            MissingEvidence = StableSort.ToSortedArray(_missing, static m => CanonicalOrder.Field(m.Field), static (x, y) => string.CompareOrdinal(x.Field, y.Field)),
            KnockOuts = SortedKnockOuts(),
            Policy = Policy.Stamp,
        };
    }

    /// <summary>
    /// Builds the decisions once the session has fired: the same grade, score, sub-scores, win probability, gate,
    /// bid, red-flag and knock-out codes and missing-evidence count as <see cref="ToAssessment"/> would carry, without
    /// the explanations. Works with either <see cref="Detail"/>.
    /// </summary>
    /// <returns>The decisions.</returns>
    /// <exception cref="InvalidOperationException">No grade was assigned, or no rule decided the gate or estimated the win probability.</exception>
    public AssessmentDecisions ToDecisions()
    {
        var grade = FinalGrade();
        var gate = Gate ?? throw new InvalidOperationException($"No rule decided the gate for opportunity {Opportunity.Id}.");
        return new AssessmentDecisions
        {
            Id = Opportunity.Id,
            Grade = grade,
            Score = Numbers.Normalize(Score),
            Criteria = SubScores(),
            WinProbability = WinProbability ?? throw new InvalidOperationException($"No rule estimated the win probability for opportunity {Opportunity.Id}."),
            Stage = gate.Stage,
            GateOutcome = gate.Outcome,
            NextStage = gate.NextStage,
            Bid = Bid?.Decision,
            RedFlags = CodesOf(SortedRedFlags(), static f => f.Code),
            KnockOuts = CodesOf(SortedKnockOuts(), static k => k.Code),
            MissingEvidence = _missingCount,
            Policy = Policy.Stamp,
        };
    }

    private Grade FinalGrade() => Grade ?? throw new InvalidOperationException($"No grade band matched score {F(Score)} for opportunity {Opportunity.Id}: the rule set or the policy's bands have a gap.");

    /// <summary>The sub-scores, computed once the score is totalled (they cannot change after it).</summary>
    private CriterionScores SubScores() => Totalled ? _criteria ??= ComputeSubScores() : ComputeSubScores();

    private CriterionScores ComputeSubScores() => new()
    {
        Need = Sub(Criterion.Need),
        Budget = Sub(Criterion.Budget),
        Timeline = Sub(Criterion.Timeline),
        Competition = Sub(Criterion.Competition),
        DecisionChain = Sub(Criterion.DecisionChain),
        StrategicFit = Sub(Criterion.StrategicFit),
        GrossMargin = Sub(Criterion.GrossMargin),
    };

    private decimal Sub(Criterion c) => Numbers.Normalize(Math.Round(_subScores[(int)c], 2, MidpointRounding.AwayFromZero));

    private void EnsureOpen(string rule)
    {
        if (Totalled)
        {
            throw new InvalidOperationException($"Rule {rule} changed the score after it was totalled; give it a higher priority than the total rule.");
        }
    }

    private static readonly MessageText ProjectClosed = MessageText.Of("reason.gate.closed");
    private static readonly MessageText BidClear = MessageText.Of("reason.bid.bid");
    private static readonly MessageText WonLostHistory = MessageText.Of("word.wonLostHistory");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Prefix, string Code), MessageText> CatalogueTexts = new();

    /// <summary>The catalogue's text for a code, or the placeholder when the scorecard keeps no explanations (no lookup for a text nobody reads).</summary>
    private MessageText Text(string prefix, string code) => _explain ? Catalogue(prefix, code) : MessageText.Omitted;

    /// <summary>The catalogue's text for a code (shared: a code's text without arguments never changes).</summary>
    private static MessageText Catalogue(string prefix, string code) => CatalogueTexts.GetOrAdd((prefix, code), static key => MessageText.Of(key.Prefix + key.Code));

    private static string Codes<T>(T[] items, Func<T, string> code) => string.Join(", ", items.Select(code));

    /// <summary>The red flags in the assessment's order (by code), for the assessment and for the decisions alike.</summary>
    private RedFlag[] SortedRedFlags() => StableSort.ToSortedArray(_redFlags, static (x, y) => string.CompareOrdinal(x.Code, y.Code));

    /// <summary>The knock-outs in the catalogue's order, for the assessment, the decisions and the grade fact alike.</summary>
    private KnockOut[] SortedKnockOuts() => StableSort.ToSortedArray(_knockOuts, static (x, y) => ByCatalogue(PolicyCatalog.KnockOutCodes, x.Code, y.Code));

    private static string[] CodesOf<T>(T[] items, Func<T, string> code)
    {
        if (items.Length == 0)
        {
            return [];
        }

        var codes = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            codes[i] = code(items[i]);
        }

        return codes;
    }

    private static readonly Comparison<GateItem> ByCode = static (x, y) => string.CompareOrdinal(x.Code, y.Code);

    private static int ByCatalogue(IReadOnlyList<string> catalogue, string x, string y)
    {
        var c = CanonicalOrder.Index(catalogue, x).CompareTo(CanonicalOrder.Index(catalogue, y));
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    private static string F(decimal d) => Numbers.Normalize(d).ToString(CultureInfo.InvariantCulture);

}
