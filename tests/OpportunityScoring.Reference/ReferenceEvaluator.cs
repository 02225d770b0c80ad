using OpportunityScoring.BidDecision;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Reference;

/// <summary>
/// A hand-written evaluator of a policy and the three shipped rule sets (grading, stage gates, bid decision), in
/// plain C# without a rules engine. Every threshold is read from the <see cref="ScoringPolicy"/> once, at
/// construction, into flat tables; <see cref="Evaluate"/> then decides an opportunity in one pass without
/// allocating (except the cost-risk model for opportunities with a cost range).
/// <para>
/// It is the oracle of the differential tests (it must agree with the NRules rule sets on every grade, score,
/// sub-score, win probability, gate and bid) and the practical speed limit in the benchmarks. It mirrors the rules'
/// current behaviour, including where that behaviour is questionable; such places say <c>mirrors rule X</c>.
/// </para>
/// </summary>
public sealed class ReferenceEvaluator
{
    private const int Need = (int)Criterion.Need;
    private const int Budget = (int)Criterion.Budget;
    private const int Timeline = (int)Criterion.Timeline;
    private const int Competition = (int)Criterion.Competition;
    private const int Chain = (int)Criterion.DecisionChain;
    private const int Fit = (int)Criterion.StrategicFit;
    private const int Margin = (int)Criterion.GrossMargin;

    // weight × share (points) and share (sub-score) of every evidence item, [criterion][item in GradingCodes order].
    private readonly decimal[][] _points = new decimal[7][];
    private readonly decimal[][] _shares = new decimal[7][];

    private readonly decimal[] _answer;
    private readonly decimal[] _needLevel;
    private readonly decimal[] _budgetStatus;
    private readonly decimal[] _timeframe;
    private readonly decimal[] _position;
    private readonly decimal[] _favor;
    private readonly decimal[] _incumbent;
    private readonly decimal[] _futureInfluence;
    private readonly decimal[] _coverage;
    private readonly decimal[] _stance;
    private readonly decimal _oppositionNone;
    private readonly decimal _oppositionMedium;
    private readonly decimal _oppositionHigh;
    private readonly decimal[,] _stakeholderWeight;
    private readonly decimal _unknown;
    private readonly CreditStepRow[] _budgetSteps;
    private readonly decimal _budgetOtherwise;
    private readonly CreditStepRow[] _marginSteps;
    private readonly decimal _marginOtherwise;

    private readonly bool[] _hasBand = new bool[4];
    private readonly decimal[] _bandMin = new decimal[4];
    private readonly decimal[] _bandMax = new decimal[4];

    // Knock-outs: defined by the policy (cap) and whether they end the pursuit.
    private readonly Grade?[] _knockOutCap = new Grade?[4];
    private readonly uint _endingKnockOuts;

    private readonly double _intercept;
    private readonly double _scoreSlope;
    private readonly bool _simpleWinModel;

    // Gates: the requirements the policy lists for each stage (restricted to those the rules implement for the stage).
    private readonly ulong[] _required = new ulong[6];
    private readonly Grade?[] _minimumGrade = new Grade?[6];
    private readonly int?[] _staleAfterDays = new int?[6];
    private readonly decimal _amountTolerance;
    private readonly decimal _marginTolerance;

    private readonly uint _fatal;
    private readonly decimal _reviewBand;
    private readonly decimal _costReviewAbove;
    private readonly decimal _costNoBidAbove;
    private readonly decimal _lossReviewAbove;
    private readonly bool _relationshipKeyAccounts;
    private readonly FutureInfluence? _relationshipInfluence;
    private readonly bool _relationshipBid;

    /// <summary>Reads the policy's tables.</summary>
    /// <param name="policy">A validated policy (loaded through <see cref="PolicyLoader"/>).</param>
    public ReferenceEvaluator(ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _ = policy.Stamp; // throws when the policy was never validated
        Policy = policy;
        for (var c = 0; c < 7; c++)
        {
            var name = GradingCodes.CriterionNames[c];
            var items = GradingCodes.Items[name];
            var criterion = policy.Criteria[name];
            _points[c] = new decimal[items.Count];
            _shares[c] = new decimal[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var share = criterion.Items[items[i]];
                _points[c][i] = criterion.Weight * share;
                _shares[c][i] = share;
            }
        }

        _answer = Table<Evidence>(policy.Grading.Credit);
        _needLevel = Table<NeedLevel>(policy.Grading.Credit);
        _budgetStatus = Table<BudgetStatus>(policy.Grading.Credit);
        _timeframe = Table<PurchaseTimeframe>(policy.Grading.Credit);
        _position = Table<CompetitivePosition>(policy.Grading.Credit);
        _favor = Table<BuyingCriteriaFavor>(policy.Grading.Credit);
        _incumbent = Table<Incumbent>(policy.Grading.Credit);
        _futureInfluence = Table<FutureInfluence>(policy.Grading.Credit);
        _coverage = Table<Coverage>(policy.Grading.Credit);
        _stance = Table<Stance>(policy.Grading.Credit);
        _oppositionNone = policy.Grading.OppositionCredit(0, 0);
        _oppositionMedium = policy.Grading.OppositionCredit(0, 1);
        _oppositionHigh = policy.Grading.OppositionCredit(1, 0);
        _unknown = policy.Grading.Credit(Evidence.Unknown);
        var roles = Enum.GetValues<StakeholderRole>();
        var influences = Enum.GetValues<Influence>();
        _stakeholderWeight = new decimal[roles.Length, influences.Length];
        foreach (var r in roles)
        {
            foreach (var i in influences)
            {
                _stakeholderWeight[(int)r, (int)i] = policy.Grading.StakeholderWeight(r, i);
            }
        }

        _budgetSteps = [.. policy.BudgetCoverage.Steps];
        _budgetOtherwise = policy.BudgetCoverage.Otherwise;
        _marginSteps = [.. policy.MarginCredit.Steps];
        _marginOtherwise = policy.MarginCredit.Otherwise;

        foreach (var band in policy.GradeBands)
        {
            _hasBand[(int)band.Grade] = true;
            _bandMin[(int)band.Grade] = band.Min;
            _bandMax[(int)band.Grade] = band.Max;
        }

        for (var k = 0; k < ReferenceCodes.KnockOuts.Length; k++)
        {
            _knockOutCap[k] = policy.Grading.KnockOut(ReferenceCodes.KnockOuts[k])?.Cap;
            if (policy.Gates.EndsPursuit(ReferenceCodes.KnockOuts[k]))
            {
                _endingKnockOuts |= 1u << k;
            }
        }

        var model = policy.WinProbability;
        _intercept = (double)model.Intercept;
        _scoreSlope = (double)model.ScoreSlope;
        _simpleWinModel = model.CriterionSlopes.Count == 0 && model.SignalSlopes.Count == 0;

        foreach (var stage in Enum.GetValues<Stage>())
        {
            var s = (int)stage;
            if (GateCodes.Requirements.TryGetValue(stage, out var implemented))
            {
                foreach (var code in implemented)
                {
                    if (policy.Gates.Requires(stage, code))
                    {
                        _required[s] |= 1UL << Array.IndexOf(ReferenceCodes.GateRequirements, code);
                    }
                }
            }

            _minimumGrade[s] = policy.Gates.For(stage)?.MinimumGrade;
            _staleAfterDays[s] = policy.Gates.StaleAfterDays(stage);
        }

        _amountTolerance = policy.Gates.Drift.AmountTolerance;
        _marginTolerance = policy.Gates.Drift.MarginTolerance;

        for (var f = 0; f < ReferenceCodes.FatalFactors.Length; f++)
        {
            if (policy.Bid.IsFatal(ReferenceCodes.FatalFactors[f]))
            {
                _fatal |= 1u << f;
            }
        }

        _reviewBand = policy.Bid.ReviewBand;
        _costReviewAbove = policy.Bid.CostRisk.ReviewAbove;
        _costNoBidAbove = policy.Bid.CostRisk.NoBidAbove;
        _lossReviewAbove = policy.Bid.CostRisk.LossReviewAbove;
        _relationshipBid = policy.Bid.RelationshipBid is not null;
        _relationshipKeyAccounts = policy.Bid.RelationshipBid?.KeyAccounts ?? false;
        _relationshipInfluence = policy.Bid.RelationshipBid?.MinimumFutureInfluence;
    }

    /// <summary>The policy in force.</summary>
    public ScoringPolicy Policy { get; }

    /// <summary>Evaluates one opportunity.</summary>
    /// <param name="o">The opportunity (valid per the contract).</param>
    /// <param name="asOf">The day of the assessment (staleness).</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="InvalidOperationException">No grade band, or two, matched the score (an invalid policy).</exception>
    public ReferenceAssessment Evaluate(Opportunity o, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(o);
        ReferenceAssessment r = default;
        decimal score = 0m;
        Span<decimal> sub = stackalloc decimal[7];

        // ---- Grading: points per evidence item (Grading.* points rules) ----
        var need = o.Need;
        Add(ref score, sub, Need, 0, _needLevel[(int)need.Level]);
        Add(ref score, sub, Need, 1, _answer[(int)need.RequirementsDocumented]);
        Add(ref score, sub, Need, 2, _answer[(int)need.EvaluationCriteriaKnown]);

        var budget = o.Budget;
        var amount = o.ExpectedContractAmount;
        Add(ref score, sub, Budget, 0, _budgetStatus[(int)budget.Status]);
        Add(ref score, sub, Budget, 1, budget.Amount is { } ba ? Step(_budgetSteps, _budgetOtherwise, ba / amount) : _unknown);

        var timeline = o.Timeline;
        Add(ref score, sub, Timeline, 0, _timeframe[(int)timeline.PurchaseTimeframe]);
        var schedule = timeline.DecisionDate is not null ? Evidence.Yes
            : timeline.TenderDate is not null || o.ExpectedSignDate is not null || o.InitiationReport?.ExpectedSignDate is not null ? Evidence.Partial
            : Evidence.Unknown;
        Add(ref score, sub, Timeline, 1, _answer[(int)schedule]);

        var competition = o.Competition;
        Add(ref score, sub, Competition, 0, _position[(int)competition.Position]);
        Add(ref score, sub, Competition, 1, _favor[(int)competition.BuyingCriteriaFavor]);
        Add(ref score, sub, Competition, 2, _incumbent[(int)competition.Incumbent]);

        // The decision chain in one pass over the stakeholders (DecisionChain's derived properties and Figures.Breadth).
        var chain = o.DecisionChain;
        var people = chain.Stakeholders;
        var count = people.Count;
        var keyBuyer = -1; // best coverage of an economic buyer / decision maker; -1 none identified
        var supportRank = 0;
        int high = 0, medium = 0;
        var uncoveredPanel = false;
        var unknownStance = false;
        decimal weighted = 0m, total = 0m;
        for (var i = 0; i < count; i++)
        {
            var s = people[i];
            if (s.Role is StakeholderRole.EconomicBuyer or StakeholderRole.DecisionMaker && (int)s.Coverage > keyBuyer)
            {
                keyBuyer = (int)s.Coverage;
            }

            var rank = s.Stance switch
            {
                Stance.Champion => 4,
                Stance.Supporter when s.Role == StakeholderRole.Coach => 4,
                Stance.Supporter => 3,
                Stance.Neutral => 2,
                Stance.Opponent => 1,
                _ => 0,
            };
            if (rank > supportRank)
            {
                supportRank = rank;
            }

            unknownStance |= s.Stance == Stance.Unknown;

            if (s.Stance == Stance.Opponent)
            {
                if (s.Influence == Influence.High)
                {
                    high++;
                }
                else if (s.Influence == Influence.Medium)
                {
                    medium++;
                }
            }

            if (s.Role == StakeholderRole.ExpertPanel && s.Coverage == Coverage.None)
            {
                uncoveredPanel = true;
            }

            var w = _stakeholderWeight[(int)s.Role, (int)s.Influence];
            weighted += w * _coverage[(int)s.Coverage];
            total += w;
        }

        var support = supportRank switch { 4 => Stance.Champion, 3 => Stance.Supporter, 2 => Stance.Neutral, 1 => Stance.Opponent, _ => Stance.Unknown };
        Add(ref score, sub, Chain, 0, keyBuyer < 0 ? _unknown : _coverage[keyBuyer]);
        Add(ref score, sub, Chain, 1, _stance[(int)support]);
        Add(ref score, sub, Chain, 2, support == Stance.Unknown ? _unknown : high > 0 ? _oppositionHigh : medium > 0 ? _oppositionMedium : _oppositionNone);
        Add(ref score, sub, Chain, 3, _answer[(int)chain.ProcurementEngaged]);
        Add(ref score, sub, Chain, 4, count == 0 || total == 0 ? _unknown : Math.Round(weighted / total, 2, MidpointRounding.ToZero));

        var fit = o.StrategicFit;
        Add(ref score, sub, Fit, 0, _answer[(int)fit.Strategy]);
        Add(ref score, sub, Fit, 1, _answer[(int)fit.MarketPositioning]);
        Add(ref score, sub, Fit, 2, _answer[(int)fit.ProductDirection]);
        Add(ref score, sub, Fit, 3, _futureInfluence[(int)fit.FutureInfluence]);

        var gm = o.GrossMargin;
        Add(ref score, sub, Margin, 0, gm is { } g0 ? Step(_marginSteps, _marginOtherwise, g0) : _unknown);

        // ---- Knock-outs (Grading.KnockOut.*) ----
        var noNeed = need.Level == NeedLevel.NoNeed;
        var outsideStrategy = fit.Strategy == Evidence.No && fit.FutureInfluence == FutureInfluence.None;
        uint knockOuts = 0;
        Grade? cap = null;
        KnockOut(ref knockOuts, ref cap, 0, noNeed);
        KnockOut(ref knockOuts, ref cap, 1, outsideStrategy);
        KnockOut(ref knockOuts, ref cap, 2, budget.Status == BudgetStatus.NoCommittedBudget);
        KnockOut(ref knockOuts, ref cap, 3, gm < 0m);

        // ---- Red flags (Grading.Competition.CriteriaAgainstUs, Grading.DecisionChain.*): the pursuit's flags up to the
        // tender, the key buyer's until the project is closed ----
        uint flags = 0;
        var pursuing = o.Stage <= Stage.Tender;
        var open = o.Stage < Stage.Closed;
        if (pursuing && competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor)
        {
            flags |= 1u << 0;
        }

        if (pursuing && count > 0 && !unknownStance && support != Stance.Champion)
        {
            flags |= 1u << 1; // Grading.DecisionChain.NoCoach: not when someone's stance is unknown (unknown is not no)
        }

        if (pursuing && chain.ProcurementEngaged == Evidence.No)
        {
            flags |= 1u << 2;
        }

        if (open && count > 0 && keyBuyer < 0)
        {
            flags |= 1u << 3;
        }

        if (open && keyBuyer is (int)Coverage.None or (int)Coverage.Contacted)
        {
            flags |= 1u << 4;
        }

        if (pursuing && high > 0)
        {
            flags |= 1u << 5;
        }

        if (pursuing && uncoveredPanel)
        {
            flags |= 1u << 6;
        }

        if (pursuing && chain.PurchaseProcess == PurchaseProcess.Committee && count == 1)
        {
            flags |= 1u << 7;
        }

        // ---- Total, band, cap (Grading.Total, Grading.Band.*) ----
        var band = (Grade)(-1);
        for (var b = 0; b < 4; b++)
        {
            if (_hasBand[b] && score >= _bandMin[b] && (score < _bandMax[b] || (_bandMax[b] == 100m && score <= 100m)))
            {
                if ((int)band >= 0)
                {
                    throw new InvalidOperationException($"Hit policy violated: score {score} is in bands {band} and {(Grade)b}.");
                }

                band = (Grade)b;
            }
        }

        if ((int)band < 0)
        {
            throw new InvalidOperationException($"No grade band matched score {score} for opportunity {o.Id}.");
        }

        var grade = cap is { } c && c > band ? c : band;
        r.Band = band;
        r.Grade = grade;
        r.Score = score;
        for (var i = 0; i < 7; i++)
        {
            r.Criteria[i] = Math.Round(sub[i], 2, MidpointRounding.AwayFromZero);
        }

        r.KnockOuts = knockOuts;

        // ---- Stage gates ----
        var stage = o.Stage;
        var st = (int)stage;
        var milestones = o.Milestones;
        var report = o.InitiationReport;
        var missing = _required[st] == 0 ? 0 : _required[st] & Unsatisfied(o, stage, keyBuyer, count, grade);
        uint ends = 0;
        if (stage == Stage.Initiation && milestones.Shortlisted == Evidence.No)
        {
            ends |= 1u << 0;
        }

        if (stage == Stage.Tender && milestones.BidOutcome == BidOutcome.Lost)
        {
            ends |= 1u << 1;
        }

        if ((knockOuts & _endingKnockOuts) != 0)
        {
            ends |= 1u << 2;
        }

        if (stage > Stage.Initiation && stage < Stage.Closed && report is not null)
        {
            if (report.ExpectedContractAmount is { } reported && reported > 0)
            {
                // Gate.InitiationReport.AmountDrift: against the report's amount plus the change orders (合同變更)
                var baseline = reported;
                foreach (var change in o.ChangeOrders)
                {
                    baseline += change.Amount;
                }

                if (baseline > 0 && Math.Abs(amount - baseline) / baseline > _amountTolerance)
                {
                    flags |= 1u << 8;
                }
            }

            if (o.EstimatedCost is not null && report.GrossMarginEstimate is { } estimate
                && Math.Abs(gm!.Value - estimate) > _marginTolerance)
            {
                flags |= 1u << 9;
            }
        }

        if (o.StageEnteredOn is { } entered && stage != Stage.Closed && _staleAfterDays[st] is { } days
            && asOf.DayNumber - entered.DayNumber > days)
        {
            flags |= 1u << 10;
        }

        if (stage < Stage.Closed && stage < GateCodes.PaceOf[(int)o.Timeline.BuyingStep])
        {
            flags |= 1u << 11; // Gate.BehindCustomer
        }

        r.RedFlags = flags;

        // ---- Win probability (Grading.WinProbability): after every red flag, grading and gate, so a calibrated
        // model's redFlags and flag.<code> slopes see them all ----
        // Once the tender's outcome is known, the win probability is stated: 0 when the bid is lost (from the tender on),
        // 1 after the win (implementation, or closed with the bid won).
        var outcome = milestones.BidOutcome;
        r.WinProbability = stage >= Stage.Tender && outcome == BidOutcome.Lost ? 0d
            : stage == Stage.Implementation || (stage == Stage.Closed && outcome == BidOutcome.Won) ? 1d
            : _simpleWinModel
                ? Math.Round(1d / (1d + Math.Exp(-(_intercept + (_scoreSlope * (double)score)))), 4, MidpointRounding.AwayFromZero)
                : CalibratedWinProbability(in r, flags);

        // ---- Bid decision (stages up to the tender) ----
        if (stage <= Stage.Tender)
        {
            var classification = report?.Classification;
            var floor = Policy.Bid.FloorFor(classification);
            var salesExpense = o.SalesExpenseBudget ?? 0m;
            var bidCost = o.BidCost ?? 0m;
            decimal? netProfit = gm is { } g1 ? (amount * g1) - salesExpense - bidCost : null;
            uint fatal = 0, reviews = 0;
            if (gm is { } g2)
            {
                if (g2 < floor)
                {
                    fatal |= 1u << 0;
                }
                else if (g2 < floor + _reviewBand)
                {
                    reviews |= 1u << 0;
                }
            }
            else
            {
                reviews |= 1u << 1;
            }

            if (netProfit < 0m)
            {
                fatal |= 1u << 1;
            }

            if (competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor && competition.Position == CompetitivePosition.Behind)
            {
                fatal |= 1u << 2;
            }

            if (stage == Stage.Tender && budget.Status == BudgetStatus.NoCommittedBudget)
            {
                fatal |= 1u << 3;
            }

            if (noNeed)
            {
                fatal |= 1u << 4;
            }

            if (outsideStrategy)
            {
                fatal |= 1u << 5;
            }

            if (o.CostRange is { } range)
            {
                var mode = o.EstimatedCost ?? ((range.Low + range.High) / 2m);
                var risk = CostRiskModel.Estimate(range.Low, mode, range.High, amount * (1m - floor), amount - (salesExpense + bidCost), Policy.Bid.CostRisk);
                r.HasCostRisk = true;
                r.ProbabilityBelowFloor = risk.ProbabilityBelowFloor;
                r.ProbabilityOfLoss = risk.ProbabilityOfLoss;
                var pFloor = (decimal)risk.ProbabilityBelowFloor;
                var costRiskFatal = (_fatal & (1u << 6)) != 0;
                if (pFloor >= _costNoBidAbove)
                {
                    fatal |= 1u << 6;
                }

                if (pFloor >= _costReviewAbove && (pFloor < _costNoBidAbove || !costRiskFatal))
                {
                    reviews |= 1u << 2;
                }

                if ((decimal)risk.ProbabilityOfLoss >= _lossReviewAbove && risk.ProbabilityOfLoss > 0)
                {
                    reviews |= 1u << 3;
                }
            }

            fatal &= _fatal; // a factor counts only when the policy lists it as fatal

            // Bid.Competition.RelationshipBid: criteria against us (fatal), the account worth it, the margin known; it
            // replaces the no-bid only when criteriaAgainstUs is the only fatal factor.
            var relationship = _relationshipBid && fatal == (1u << 2) && gm is not null
                && ((_relationshipKeyAccounts && o.Account.KeyAccount == true)
                    || (_relationshipInfluence is { } least && fit.FutureInfluence is not (FutureInfluence.Unknown or FutureInfluence.None) && fit.FutureInfluence <= least));
            r.HasBid = true;
            r.FatalFactors = fatal;
            r.Reviews = reviews;
            r.Bid = fatal != 0 ? (relationship ? BidRecommendation.RelationshipBid : BidRecommendation.NoBid) : reviews != 0 ? BidRecommendation.Review : BidRecommendation.Bid;
            r.BidKind = stage == Stage.Tender ? BidKind.Decision : BidKind.Outlook;
            r.GrossMargin = gm is { } g3 ? Math.Round(g3, 6, MidpointRounding.AwayFromZero) : null;
            r.NetMargin = netProfit is { } p ? Math.Round(p / amount, 6, MidpointRounding.AwayFromZero) : null;
            r.MarginFloor = floor;

            if (gm is { } g4)
            {
                var margin = Math.Round((amount * g4) - salesExpense, 2, MidpointRounding.AwayFromZero);
                var carry = Math.Round((decimal)r.WinProbability * margin, 2, MidpointRounding.AwayFromZero);
                r.HasEconomics = true;
                r.MarginAmount = margin;
                r.ExpectedValue = carry - bidCost;
                r.BreakEvenWinProbability = margin > 0 ? Math.Round((double)(bidCost / margin), 4, MidpointRounding.AwayFromZero) : null;
                r.MaxBidCost = Math.Max(0m, carry);
            }

            if (stage == Stage.Tender && r.Bid == BidRecommendation.NoBid)
            {
                ends |= 1u << 3;
            }

            if (stage < Stage.Tender && r.Bid == BidRecommendation.NoBid)
            {
                missing |= 1UL << ReferenceCodes.NoBidOutlook; // Gate.BidOutlook.NoBid: a no-bid outlook defers the gate
            }
        }

        // ---- Gate decision (Gate.Decide) ----
        r.GateMissing = missing;
        r.GateEnds = ends;
        r.GateOutcome = ends != 0 || stage == Stage.Closed ? GateOutcome.End : missing != 0 ? GateOutcome.Defer : GateOutcome.Advance;
        r.NextStage = r.GateOutcome switch
        {
            GateOutcome.Advance => GateCodes.NextStage(stage),
            GateOutcome.Defer => stage,
            _ => Stage.Closed,
        };
        return r;
    }

    private void Add(ref decimal score, Span<decimal> sub, int criterion, int item, decimal credit)
    {
        score += _points[criterion][item] * credit;
        sub[criterion] += _shares[criterion][item] * credit * 100m;
    }

    private void KnockOut(ref uint knockOuts, ref Grade? cap, int index, bool fires)
    {
        if (fires && _knockOutCap[index] is { } c)
        {
            knockOuts |= 1u << index;
            if (cap is null || c > cap)
            {
                cap = c;
            }
        }
    }

    private static decimal Step(CreditStepRow[] steps, decimal otherwise, decimal value)
    {
        foreach (var step in steps)
        {
            if (value >= step.AtLeast)
            {
                return step.Credit;
            }
        }

        return otherwise;
    }

    /// <summary>The gate requirements of the opportunity's stage that are not satisfied (all bits; masked by the policy later).</summary>
    private ulong Unsatisfied(Opportunity o, Stage stage, int keyBuyer, int stakeholders, Grade grade)
    {
        ulong u = 0;
        var m = o.Milestones;
        switch (stage)
        {
            case Stage.Development:
                Bit(ref u, 0, o.Need.Level == NeedLevel.Unknown);
                Bit(ref u, 1, o.Budget.Status == BudgetStatus.Unknown);
                Bit(ref u, 2, o.Timeline.PurchaseTimeframe == PurchaseTimeframe.Unknown && o.Timeline.DecisionDate is null);
                Bit(ref u, 3, o.Competition.Position == CompetitivePosition.Unknown);
                Bit(ref u, 4, stakeholders == 0);
                Bit(ref u, 5, o.StrategicFit.Strategy == Evidence.Unknown && o.StrategicFit.FutureInfluence == FutureInfluence.Unknown);
                Bit(ref u, 6, o.GrossMargin is null);
                Bit(ref u, 7, o.Account.KeyAccount == true && m.FollowUpTableFilled != Evidence.Yes);
                break;
            case Stage.Initiation:
                var ir = o.InitiationReport;
                Bit(ref u, 8, string.IsNullOrWhiteSpace(ir?.ProjectName));
                Bit(ref u, 9, string.IsNullOrWhiteSpace(ir?.ProjectNumber));
                Bit(ref u, 10, string.IsNullOrWhiteSpace(ir?.CustomerOwner));
                Bit(ref u, 11, ir?.ExpectedContractAmount is null);
                Bit(ref u, 12, ir?.GrossMarginEstimate is null);
                Bit(ref u, 13, ir?.SalesExpenseBudget is null);
                Bit(ref u, 14, string.IsNullOrWhiteSpace(ir?.Classification));
                Bit(ref u, 15, ir?.ExpectedSignDate is null);
                Bit(ref u, 16, m.Shortlisted != Evidence.Yes);
                Bit(ref u, ReferenceCodes.MarginAtFloor, ir?.GrossMarginEstimate is { } estimate && estimate < Policy.Bid.FloorFor(ir.Classification));
                break;
            case Stage.Proposal:
                Bit(ref u, 17, m.SolutionDemoDone != Evidence.Yes);
                Bit(ref u, 18, m.ProposalSubmitted != Evidence.Yes);
                Bit(ref u, 19, m.ObjectionsResolved != Evidence.Yes);
                Bit(ref u, 20, keyBuyer is not ((int)Coverage.Met or (int)Coverage.InDepth));
                Bit(ref u, ReferenceCodes.TenderDocumentsReceived, m.TenderDocumentsReceived != Evidence.Yes);
                Bit(ref u, 33, m.CompanyVisitDone != Evidence.Yes);
                Bit(ref u, 34, m.ReferenceVisitDone != Evidence.Yes);
                Bit(ref u, ReferenceCodes.InitiationReportReviewed, m.InitiationReportReviewed != Evidence.Yes);
                Bit(ref u, 36, m.ValueAddedServiceOffered != Evidence.Yes);
                break;
            case Stage.Tender:
                Bit(ref u, ReferenceCodes.TenderDocumentsReceived, m.TenderDocumentsReceived != Evidence.Yes);
                Bit(ref u, 22, m.BidTeamAssigned != Evidence.Yes);
                Bit(ref u, 23, m.BidPriceApproved != Evidence.Yes);
                Bit(ref u, 24, m.BidOutcome != BidOutcome.Won);
                Bit(ref u, ReferenceCodes.InitiationReportReviewed, m.InitiationReportReviewed != Evidence.Yes);
                var review = m.BidDocumentReview;
                Bit(ref u, 37, m.BidStrategyMeetingHeld != Evidence.Yes);
                Bit(ref u, 38, review.SolutionSound != Evidence.Yes || review.TechnicallyFeasible != Evidence.Yes || review.MeetsRequirements != Evidence.Yes
                    || review.PriceBreakdownChecked != Evidence.Yes || review.QualificationsCompliant != Evidence.Yes || review.CommercialDocumentsComplete != Evidence.Yes
                    || review.OnSchedule != Evidence.Yes);
                Bit(ref u, 39, m.RequirementsCommunicated != Evidence.Yes);
                Bit(ref u, 40, m.CompetitiveStrategySet != Evidence.Yes);
                Bit(ref u, 41, m.PresentersAssigned != Evidence.Yes);
                Bit(ref u, 42, m.StatementOfWorkReviewed != Evidence.Yes);
                Bit(ref u, 43, m.ContractSigned != Evidence.Yes);
                break;
            case Stage.Implementation:
                Bit(ref u, 25, m.HandOverDone != Evidence.Yes);
                Bit(ref u, 26, m.ProjectManagerAppointed != Evidence.Yes);
                Bit(ref u, 27, m.ImplementationPlanApproved != Evidence.Yes);
                Bit(ref u, 28, m.PaymentsOnSchedule != Evidence.Yes);
                Bit(ref u, 29, m.AcceptanceSigned != Evidence.Yes);
                var plan = m.ImplementationPlan;
                Bit(ref u, 44, m.ProjectTeamFormed != Evidence.Yes);
                Bit(ref u, 45, m.CustomerProjectTeamFormed != Evidence.Yes);
                Bit(ref u, 46, plan.WorkScope != Evidence.Yes || plan.RisksAndRemedies != Evidence.Yes || plan.ProjectManagement != Evidence.Yes
                    || plan.FollowOnOrders != Evidence.Yes || plan.RelationshipUpkeep != Evidence.Yes);
                Bit(ref u, 47, m.DeliveryCompleted != Evidence.Yes);
                Bit(ref u, 48, m.StageReviewsHeld != Evidence.Yes);
                Bit(ref u, 49, m.ProjectClosedOut != Evidence.Yes);
                break;
            default:
                break;
        }

        // Gate.MinimumGrade: the capped grade against the stage's minimum; the stage summary report of every stage.
        Bit(ref u, ReferenceCodes.MinimumGrade, _minimumGrade[(int)stage] is { } min && grade > min);
        Bit(ref u, ReferenceCodes.StageSummaryFiled, stage < Stage.Closed && m.StageSummaryFiled != Evidence.Yes);
        return u;
    }

    private static void Bit(ref ulong mask, int bit, bool set)
    {
        if (set)
        {
            mask |= 1UL << bit;
        }
    }

    /// <summary>A calibrated model (criterion or signal slopes): the library's formula, fed the grading rule set's red flags only.</summary>
    private double CalibratedWinProbability(in ReferenceAssessment r, uint flags)
    {
        var criteria = new CriterionScores
        {
            Need = r.Criteria[0], Budget = r.Criteria[1], Timeline = r.Criteria[2], Competition = r.Criteria[3],
            DecisionChain = r.Criteria[4], StrategicFit = r.Criteria[5], GrossMargin = r.Criteria[6],
        };
        var codes = ReferenceCodes.Decode(flags, ReferenceCodes.RedFlags);
        return Policy.WinProbability.Probability(r.Score, criteria, System.Numerics.BitOperations.PopCount(r.KnockOuts), codes);
    }

    private static decimal[] Table<TEnum>(Func<TEnum, decimal> credit) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var table = new decimal[values.Length];
        foreach (var v in values)
        {
            table[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = credit(v);
        }

        return table;
    }
}
