using System.Globalization;

namespace OpportunityScoring.Grading;

/// <summary>
/// The grading rules' ledger for one opportunity: the points each evidence item earns, the sub-scores, the
/// knock-outs and their cap, the total, the grade (hit policy <em>unique</em>) and the win probability. Its reasons,
/// red flags and missing evidence go to the assessment's log. One per opportunity and session; not thread safe.
/// </summary>
internal sealed class GradeLedger : IExplanationSink
{
    private readonly GradingPolicy _policy;
    private readonly AssessmentLog _log;
    private SubScoreSums _subScores; // in the ledger itself: no array per opportunity
    private ExactSum _sum;
    private decimal _total;
    private List<KnockOut>? _knockOuts; // created on the first knock-out: most opportunities have none
    private Grade? _cap;
    private CriterionScores? _criteria;

    /// <summary>Creates an empty ledger.</summary>
    public GradeLedger(GradingPolicy policy, AssessmentLog log)
    {
        _policy = policy;
        _log = log;
    }

    /// <inheritdoc />
    public bool KeepsExplanations => _log.Explains;

    /// <summary>The score so far: the sum of the points added (without trailing zeros once totalled).</summary>
    public decimal Score => Totalled ? _total : _sum.Value;

    /// <summary>Whether every points rule has run and the score is final.</summary>
    public bool Totalled { get; private set; }

    /// <summary>The grade, once a band rule has assigned it.</summary>
    public Grade? Grade { get; private set; }

    /// <summary>The rule that assigned the grade.</summary>
    public string? GradedBy { get; private set; }

    /// <summary>The win probability, once estimated.</summary>
    public double? WinProbability { get; private set; }

    /// <summary>
    /// Adds the points one evidence item earns: criterion weight × item share × credit. An unknown answer also
    /// records the evidence as missing; it earns the policy's credit for unknown, never the credit for no.
    /// </summary>
    public void Credit(string rule, Criterion criterion, string item, object answer, decimal credit, bool unknown)
    {
        EnsureOpen(rule);
        var evidence = _policy.Item(criterion, item); // one lookup: field, name, share and weight
        _sum.Add(evidence.Max, credit); // exact; trailing zeros are stripped once, from the total (the sum's value does not depend on them)
        _subScores[(int)criterion].Add(evidence.SubScoreShare, credit);
        if (!_log.Explains)
        {
            if (unknown)
            {
                _log.Missing(evidence.Field, MessageText.Omitted);
            }

            return;
        }

        _log.Add(CreditReasons.ReasonOf(rule, criterion, evidence, answer, credit, unknown));
        if (unknown)
        {
            _log.Missing(evidence.Missing, evidence.Order);
        }
    }

    /// <summary>Adds the points a yes / partial / no / unknown answer earns on the policy's answer scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, Evidence answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == Evidence.Unknown);

    /// <summary>Adds the points a need level earns on the policy's needLevel scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, NeedLevel answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == NeedLevel.Unknown);

    /// <summary>Adds the points a budget status earns on the policy's budgetStatus scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, BudgetStatus answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == BudgetStatus.Unknown);

    /// <summary>Adds the points a purchase timeframe earns on the policy's purchaseTimeframe scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, PurchaseTimeframe answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == PurchaseTimeframe.Unknown);

    /// <summary>Adds the points a competitive position earns on the policy's competitivePosition scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, CompetitivePosition answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == CompetitivePosition.Unknown);

    /// <summary>Adds the points whom the buying criteria favour earns on the policy's buyingCriteriaFavor scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, BuyingCriteriaFavor answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == BuyingCriteriaFavor.Unknown);

    /// <summary>Adds the points the incumbent earns on the policy's incumbent scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, Incumbent answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == Incumbent.Unknown);

    /// <summary>Adds the points the relevance to the future direction earns on the policy's futureInfluence scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, FutureInfluence answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == FutureInfluence.Unknown);

    /// <summary>Adds the points a stance earns on the policy's stance scale.</summary>
    public void Credit(string rule, Criterion criterion, string item, Stance answer) => Scale(rule, criterion, item, answer, _policy.Credit(answer), answer == Stance.Unknown);

    /// <summary>An answer on a scale: its word in the reader's language (only when explaining: nobody reads it otherwise), its credit, whether it is unknown.</summary>
    private void Scale<TEnum>(string rule, Criterion criterion, string item, TEnum answer, decimal credit, bool unknown) where TEnum : struct, Enum =>
        Credit(rule, criterion, item, _log.Explains ? MessageText.Word(answer) : string.Empty, credit, unknown);

    /// <summary>Applies a knock-out: caps the grade at the policy's cap for that code.</summary>
    public void KnockOut(string rule, Criterion criterion, string code, MessageText message)
    {
        EnsureOpen(rule);
        var ko = _policy.KnockOut(code) ?? throw new InvalidOperationException($"Rule {rule} applied knock-out '{code}', which the policy does not define.");
        (_knockOuts ??= []).Add(new KnockOut(code, ko.Cap, message));
        if (_cap is null || ko.Cap > _cap)
        {
            _cap = ko.Cap;
        }

        if (_log.Explains)
        {
            _log.NoteShared(rule, criterion, SharedMessages.Default.Named("reason.knockOut", "knockOut.name.", code, message, ContractEnum<Grade>.Name(ko.Cap)));
        }
    }

    /// <summary>Applies a knock-out with the catalogue's text for its code (<c>knockOut.{code}</c>).</summary>
    public void KnockOut(string rule, Criterion criterion, string code) => KnockOut(rule, criterion, code, _log.Text("knockOut.", code));

    /// <summary>Closes the score: no points may be added after this.</summary>
    public void Total(string rule)
    {
        EnsureOpen(rule);
        _total = Numbers.Normalize(_sum.Value);
        Totalled = true;
    }

    /// <summary>
    /// Assigns the grade of the band the score fell in, capped by any knock-out. Hit policy <em>unique</em>:
    /// a second assignment is a rule-set defect and throws.
    /// </summary>
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
        if (!_log.Explains)
        {
            return;
        }

        var b = _policy.Band(band);
        _log.Note(rule, null, grade == band
            ? MessageText.Of(b.Max == 100m ? "reason.band.closed" : "reason.band", Score, ContractEnum<Grade>.Name(band), b.Min, b.Max)
            : MessageText.Of("reason.band.capped", Score, ContractEnum<Grade>.Name(band), ContractEnum<Grade>.Name(grade)));
    }

    /// <summary>
    /// Estimates the win probability from the total score, the sub-scores and the rule signals with the policy's model —
    /// or, once the tender's outcome is known, states it: 1 after the win (implementation, or closed with the bid won),
    /// 0 once the bid is lost (at the tender or after it).
    /// </summary>
    public void EstimateWinProbability(string rule, Opportunity opportunity)
    {
        if (!Totalled)
        {
            throw new InvalidOperationException($"Rule {rule} estimated the win probability before the score was totalled.");
        }

        if (Decided(opportunity) is { } known)
        {
            WinProbability = known ? 1d : 0d;
            if (_log.Explains)
            {
                _log.Note(rule, null, MessageText.Of(known ? "reason.winProbability.won" : "reason.winProbability.lost", MessageText.Word(opportunity.Stage)));
            }

            return;
        }

        var model = _policy.WinProbability;
        var p = model.Probability(Score, SubScores(), _knockOuts?.Count ?? 0, _log.RedFlags, model.Offset(opportunity));
        WinProbability = p;
        if (!_log.Explains)
        {
            return;
        }

        _log.Note(rule, null, _policy.Calibrated
            ? MessageText.Of("reason.winProbability.calibrated", p, (object?)_policy.Dataset ?? WonLostHistory)
            : MessageText.Of("reason.winProbability.default", p, model.Intercept, model.ScoreSlope, Score, Math.Round(model.SignalTerm(_knockOuts?.Count ?? 0, _log.RedFlags), 4)));
    }

    /// <summary>
    /// Whether the deal is decided: <see langword="true"/> when won (implementation: the contract is being delivered; closed
    /// with the bid won), <see langword="false"/> when the bid is lost (from the tender on), <see langword="null"/> while open.
    /// </summary>
    internal static bool? Decided(Opportunity opportunity) => opportunity switch
    {
        { Stage: >= Stage.Tender, Milestones.BidOutcome: BidOutcome.Lost } => false,
        { Stage: Stage.Implementation } => true,
        { Stage: Stage.Closed, Milestones.BidOutcome: BidOutcome.Won } => true,
        _ => null,
    };

    /// <summary>The final grade.</summary>
    /// <exception cref="InvalidOperationException">No band matched (a gap in the bands or a missing rule).</exception>
    public Grade FinalGrade(string opportunityId) =>
        Grade ?? throw new InvalidOperationException($"No grade band matched score {F(Score)} for opportunity {opportunityId}: the rule set or the policy's bands have a gap.");

    /// <summary>The sub-scores, computed once the score is totalled (they cannot change after it).</summary>
    public CriterionScores SubScores() => Totalled ? _criteria ??= ComputeSubScores() : ComputeSubScores();

    /// <summary>The knock-outs in the catalogue's order.</summary>
    public KnockOut[] SortedKnockOuts() => StableSort.ToSortedArray(_knockOuts, static (x, y) => AssessmentLog.ByCatalogue(GradingCodes.KnockOutCodes, x.Code, y.Code));

    /// <summary>The codes of the knock-outs applied, in the catalogue's order.</summary>
    public string[] KnockOutCodes() => AssessmentLog.CodesOf(SortedKnockOuts(), static k => k.Code);

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

    private decimal Sub(Criterion c) => _subScores[(int)c].RoundedToHundredths();

    private void EnsureOpen(string rule)
    {
        if (Totalled)
        {
            throw new InvalidOperationException($"Rule {rule} changed the score after it was totalled; give it a higher priority than the total rule.");
        }
    }

    /// <summary>The seven criteria's sums, one per <see cref="Criterion"/>.</summary>
    [System.Runtime.CompilerServices.InlineArray(7)]
    private struct SubScoreSums
    {
        private ExactSum _first;
    }

    private static readonly MessageText WonLostHistory = MessageText.Of("word.wonLostHistory");

    private static string F(decimal d) => Numbers.Normalize(d).ToString(CultureInfo.InvariantCulture);
}
