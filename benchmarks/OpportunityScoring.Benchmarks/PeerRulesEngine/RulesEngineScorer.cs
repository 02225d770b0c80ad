using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;
using RulesEngine.Models;

namespace OpportunityScoring.Benchmarks.PeerRulesEngine;

/// <summary>The grading results the later workflows match (input <c>g</c>).</summary>
public sealed class GradeFacts
{
    /// <summary>The total score.</summary>
    public decimal Score { get; set; }

    /// <summary>The final grade (0 = A … 3 = D).</summary>
    public int Grade { get; set; }

    /// <summary>P(win).</summary>
    public double WinProbability { get; set; }

    /// <summary>Knock-out noNeed applied.</summary>
    public bool KnockOutNoNeed { get; set; }

    /// <summary>Knock-out outsideStrategy applied.</summary>
    public bool KnockOutOutsideStrategy { get; set; }

    /// <summary>Knock-out noCommittedBudget applied.</summary>
    public bool KnockOutNoCommittedBudget { get; set; }

    /// <summary>Knock-out lossMaking applied.</summary>
    public bool KnockOutLossMaking { get; set; }
}

/// <summary>The cost risk the bid workflow matches (input <c>r</c>).</summary>
public sealed class RiskFacts
{
    /// <summary>Whether a cost risk was estimated.</summary>
    public bool Has { get; set; }

    /// <summary>P(margin below the floor).</summary>
    public double ProbabilityBelowFloor { get; set; }

    /// <summary>P(loss).</summary>
    public double ProbabilityOfLoss { get; set; }
}

/// <summary>The bid decision the stage-gate workflow matches (input <c>b</c>).</summary>
public sealed class BidFacts
{
    /// <summary>Whether the decision is no-bid.</summary>
    public bool NoBid { get; set; }
}

/// <summary>
/// An <see cref="IOpportunityScorer"/> over Microsoft RulesEngine 6.0.1 and the workflows of
/// <see cref="RulesEngineWorkflows"/>: runs the five workflows in order, feeding each the facts the previous ones
/// established, and builds the <see cref="Assessment"/> from the <c>RuleResultTree</c>s (one reason per rule that
/// fired, its points from the <c>OutputExpression</c>). Thread safe (RulesEngine is; the scorer keeps no state).
/// </summary>
public sealed class RulesEngineScorer : IOpportunityScorer
{
    private readonly global::RulesEngine.RulesEngine _engine;
    private readonly decimal[] _weights = new decimal[7];
    private readonly Grade?[] _caps = new Grade?[4];

    /// <summary>Builds the workflows for a policy and the engine (compilation happens on first use, per input shape).</summary>
    /// <param name="policy">The policy.</param>
    public RulesEngineScorer(ScoringPolicy policy)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Workflows = RulesEngineWorkflows.Json(policy);
        _engine = new global::RulesEngine.RulesEngine([.. Workflows], reSettings: Settings);
        for (var c = 0; c < 7; c++)
        {
            _weights[c] = policy.Grading.Weight((Criterion)c);
        }

        for (var k = 0; k < RulesEngineWorkflows.KnockOutConditions.Length; k++)
        {
            _caps[k] = policy.Grading.KnockOut(RulesEngineWorkflows.KnockOutConditions[k].Code)?.Cap;
        }
    }

    /// <summary>The settings: the types the expressions may call.</summary>
    public static ReSettings Settings => new()
    {
        CustomTypes = [typeof(PeerFunctions), typeof(MidpointRounding), typeof(Math), typeof(Convert)],
    };

    /// <inheritdoc />
    public ScoringPolicy Policy { get; }

    /// <summary>The workflow JSON documents.</summary>
    public IReadOnlyList<string> Workflows { get; }

    /// <inheritdoc />
    public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var day = asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var o = new RuleParameter("o", opportunity);
        var reasons = new List<Reason>(40);
        var flags = new List<RedFlag>();
        var knockOuts = new List<KnockOut>();

        // 1. Grading: points, flags, knock-outs.
        var g = new GradeFacts();
        decimal score = 0;
        Span<decimal> sub = stackalloc decimal[7];
        Grade? cap = null;
        foreach (var r in Run(RulesEngineWorkflows.Grading, opportunity.Id, o))
        {
            var (kind, code) = Split(r.Rule.SuccessEvent);
            switch (kind)
            {
                case "points":
                    var c = code[0] - '0';
                    var points = (decimal)r.ActionResult.Output;
                    score += points;
                    sub[c] += points / _weights[c] * 100m;
                    reasons.Add(new Reason(r.Rule.RuleName, (Criterion)c, points, r.Rule.RuleName));
                    break;
                case "flag":
                    flags.Add(new RedFlag(code, r.Rule.RuleName, r.Rule.RuleName));
                    reasons.Add(new Reason(r.Rule.RuleName, null, 0m, code));
                    break;
                default:
                    var k = Array.FindIndex(RulesEngineWorkflows.KnockOutConditions, x => x.Code == code);
                    var capK = _caps[k]!.Value;
                    knockOuts.Add(new KnockOut(code, capK, r.Rule.RuleName));
                    cap = cap is null || capK > cap ? capK : cap;
                    switch (k)
                    {
                        case 0: g.KnockOutNoNeed = true; break;
                        case 1: g.KnockOutOutsideStrategy = true; break;
                        case 2: g.KnockOutNoCommittedBudget = true; break;
                        default: g.KnockOutLossMaking = true; break;
                    }

                    reasons.Add(new Reason(r.Rule.RuleName, null, 0m, code));
                    break;
            }
        }

        // 2. Bands and win probability over the total.
        g.Score = score;
        var gp = new RuleParameter("g", g);
        Grade? band = null;
        foreach (var r in Run(RulesEngineWorkflows.Bands, opportunity.Id, o, gp))
        {
            if (r.Rule.SuccessEvent.StartsWith("band:", StringComparison.Ordinal))
            {
                band = band is null ? (Grade)(r.Rule.SuccessEvent[5] - '0') : throw new InvalidOperationException($"Opportunity {opportunity.Id}: two grade bands matched.");
            }
            else
            {
                g.WinProbability = (double)r.ActionResult.Output;
            }

            reasons.Add(new Reason(r.Rule.RuleName, null, 0m, r.Rule.SuccessEvent));
        }

        var grade = band is not { } b0 ? throw new InvalidOperationException($"Opportunity {opportunity.Id}: no grade band matched score {score}.") : cap is { } c0 && c0 > b0 ? c0 : b0;
        g.Grade = (int)grade;

        // 3. Cost risk.
        var p = new RuleParameter("p", Policy);
        var risk = new RiskFacts();
        CostRisk? costRisk = null;
        foreach (var r in Run(RulesEngineWorkflows.CostRisk, opportunity.Id, o, p))
        {
            costRisk = (CostRisk)r.ActionResult.Output;
            risk.Has = true;
            risk.ProbabilityBelowFloor = costRisk.ProbabilityBelowFloor;
            risk.ProbabilityOfLoss = costRisk.ProbabilityOfLoss;
            reasons.Add(new Reason(r.Rule.RuleName, Criterion.GrossMargin, 0m, r.Rule.SuccessEvent));
        }

        // 4. Bid decision.
        var fatal = new List<FatalFactor>();
        var reviews = new List<GateItem>();
        var relationshipOpen = false;
        foreach (var r in Run(RulesEngineWorkflows.BidDecision, opportunity.Id, o, gp, new RuleParameter("r", risk)))
        {
            var (kind, code) = Split(r.Rule.SuccessEvent);
            if (kind == "fatal")
            {
                fatal.Add(new FatalFactor(code, r.Rule.RuleName, FactorValue.Of(code), FactorValue.Of(code)));
            }
            else if (kind == "review")
            {
                reviews.Add(new GateItem(code, r.Rule.RuleName));
            }
            else if (kind == "relationship")
            {
                relationshipOpen = true;
            }

            reasons.Add(new Reason(r.Rule.RuleName, null, 0m, r.Rule.SuccessEvent));
        }

        BidResult? bid = null;
        var bidFacts = new BidFacts();
        if (opportunity.Stage <= Stage.Tender)
        {
            var decision = fatal.Count > 0
                ? (relationshipOpen && fatal.TrueForAll(f => f.Code == "criteriaAgainstUs") ? BidRecommendation.RelationshipBid : BidRecommendation.NoBid)
                : reviews.Count > 0 ? BidRecommendation.Review : BidRecommendation.Bid;
            bidFacts.NoBid = decision == BidRecommendation.NoBid;
            bid = new BidResult
            {
                Decision = decision,
                Kind = opportunity.Stage == Stage.Tender ? BidKind.Decision : BidKind.Outlook,
                GrossMargin = opportunity.GrossMargin,
                MarginFloor = Policy.Bid.FloorFor(opportunity),
                FatalFactors = fatal,
                ReviewReasons = reviews,
                CostRisk = costRisk,
            };
        }

        // 5. Stage gates.
        var missing = new List<GateItem>();
        var ends = new List<GateItem>();
        foreach (var r in Run(RulesEngineWorkflows.StageGates, opportunity.Id, o, gp, new RuleParameter("b", bidFacts), new RuleParameter("asOf", day)))
        {
            var (kind, code) = Split(r.Rule.SuccessEvent);
            switch (kind)
            {
                case "missing": missing.Add(new GateItem(code, r.Rule.RuleName)); break;
                case "end": ends.Add(new GateItem(code, r.Rule.RuleName)); break;
                default: flags.Add(new RedFlag(code, r.Rule.RuleName, r.Rule.RuleName)); break;
            }

            reasons.Add(new Reason(r.Rule.RuleName, null, 0m, r.Rule.SuccessEvent));
        }

        var stage = opportunity.Stage;
        var outcome = ends.Count > 0 || stage == Stage.Closed ? GateOutcome.End : missing.Count > 0 ? GateOutcome.Defer : GateOutcome.Advance;
        return new Assessment
        {
            Id = opportunity.Id,
            Grade = grade,
            Score = score,
            Criteria = new CriterionScores
            {
                Need = Sub(sub[0]), Budget = Sub(sub[1]), Timeline = Sub(sub[2]), Competition = Sub(sub[3]),
                DecisionChain = Sub(sub[4]), StrategicFit = Sub(sub[5]), GrossMargin = Sub(sub[6]),
            },
            WinProbability = g.WinProbability,
            Gate = new GateResult
            {
                Stage = stage,
                Outcome = outcome,
                NextStage = outcome switch { GateOutcome.Advance => GateCodes.NextStage(stage), GateOutcome.Defer => stage, _ => Stage.Closed },
                Missing = missing,
                EndedBy = ends,
            },
            Bid = bid,
            RedFlags = flags,
            Reasons = reasons,
            KnockOuts = knockOuts,
            Policy = Policy.Stamp,
        };
    }

    /// <summary>Runs a workflow and yields the rules that succeeded; a rule that threw is an error, not a silent failure.</summary>
    private IEnumerable<RuleResultTree> Run(string workflow, string id, params RuleParameter[] inputs)
    {
        var results = _engine.ExecuteAllRulesAsync(workflow, inputs).AsTask().GetAwaiter().GetResult();
        foreach (var r in results)
        {
            if (!string.IsNullOrEmpty(r.ExceptionMessage) || r.ActionResult?.Exception is not null)
            {
                throw new ScoringException(id, r.Rule.RuleName, new InvalidOperationException(r.ExceptionMessage ?? r.ActionResult!.Exception!.Message));
            }

            if (r.IsSuccess)
            {
                yield return r;
            }
        }
    }

    private static (string Kind, string Code) Split(string successEvent)
    {
        var colon = successEvent.IndexOf(':', StringComparison.Ordinal);
        return (successEvent[..colon], successEvent[(colon + 1)..]);
    }

    private static decimal Sub(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
