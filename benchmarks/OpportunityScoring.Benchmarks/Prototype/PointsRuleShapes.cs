using NRules.Fluent.Dsl;
using OpportunityScoring.Rules;

#pragma warning disable CA1812, SA1402, SA1649 // rule classes are instantiated by NRules
namespace OpportunityScoring.Benchmarks.Prototype;

// A prototype for the proposals in docs/benchmarks.md, not product code: the grading points rules written three ways
// over the same Scorecard calls, to measure what the rule shape costs.
//  - Join:  today's shape, three patterns joined per rule (Opportunity, ScoringPolicy, Scorecard).
//  - Alpha: one pattern on the Scorecard, which already carries the opportunity and the policy (no beta joins).
//  - Table: one rule whose action adds every item (one activation instead of twenty).

/// <summary>The credit one evidence item earns.</summary>
public delegate decimal ItemCredit(Opportunity o, ScoringPolicy p);

/// <summary>Today's shape: three facts joined.</summary>
public abstract class JoinPointsRule(Criterion criterion, string item, ItemCredit credit) : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        var c = criterion;
        var i = item;
        var f = credit;
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        When().Match(() => opp).Match(() => policy).Match(() => card);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, c, i, "answer", f(opp, policy), false));
    }
}

/// <summary>Alpha only: one fact, the scorecard.</summary>
public abstract class AlphaPointsRule(Criterion criterion, string item, ItemCredit credit) : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        var c = criterion;
        var i = item;
        var f = credit;
        Scorecard card = default!;
        When().Match(() => card);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, c, i, "answer", f(card.Opportunity, card.Policy), false));
    }
}

/// <summary>All items in one rule.</summary>
[Tag(PrototypeRuleSets.Table)]
public sealed class TablePointsRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Scorecard card = default!;
        When().Match(() => card);
        Then().Do(ctx => AddAll(ctx.Rule.Name, card));
    }

    private static void AddAll(string rule, Scorecard card)
    {
        var o = card.Opportunity;
        var p = card.Policy;
        card.AddCredit(rule, Criterion.Need, "level", "answer", p.Credit(o.Need.Level), false);
        card.AddCredit(rule, Criterion.Need, "requirementsDocumented", "answer", p.Credit(o.Need.RequirementsDocumented), false);
        card.AddCredit(rule, Criterion.Need, "evaluationCriteriaKnown", "answer", p.Credit(o.Need.EvaluationCriteriaKnown), false);
        card.AddCredit(rule, Criterion.Budget, "status", "answer", p.Credit(o.Budget.Status), false);
        card.AddCredit(rule, Criterion.Budget, "coverage", "answer", o.Budget.Amount is { } a ? p.BudgetCoverage.Credit(a / o.ExpectedContractAmount) : p.Credit(Evidence.Unknown), false);
        card.AddCredit(rule, Criterion.Timeline, "purchaseTimeframe", "answer", p.Credit(o.Timeline.PurchaseTimeframe), false);
        card.AddCredit(rule, Criterion.Timeline, "schedule", "answer", p.Credit(Derive.Schedule(o)), false);
        card.AddCredit(rule, Criterion.Competition, "position", "answer", p.Credit(o.Competition.Position), false);
        card.AddCredit(rule, Criterion.Competition, "buyingCriteriaFavor", "answer", p.Credit(o.Competition.BuyingCriteriaFavor), false);
        card.AddCredit(rule, Criterion.Competition, "incumbent", "answer", p.Credit(o.Competition.Incumbent), false);
        card.AddCredit(rule, Criterion.DecisionChain, "keyBuyerCoverage", "answer", o.DecisionChain.KeyBuyerCoverage is { } k ? p.Credit(k) : p.Credit(Evidence.Unknown), false);
        card.AddCredit(rule, Criterion.DecisionChain, "support", "answer", p.Credit(o.DecisionChain.BestSupport), false);
        card.AddCredit(rule, Criterion.DecisionChain, "opposition", "answer", o.DecisionChain.BestSupport == Stance.Unknown ? p.Credit(Evidence.Unknown) : p.OppositionCredit(o.DecisionChain.HighInfluenceOpponents, o.DecisionChain.MediumInfluenceOpponents), false);
        card.AddCredit(rule, Criterion.DecisionChain, "procurementEngaged", "answer", p.Credit(o.DecisionChain.ProcurementEngaged), false);
        card.AddCredit(rule, Criterion.DecisionChain, "breadth", "answer", o.DecisionChain.IsMapped ? Derive.Breadth(o.DecisionChain, p) : p.Credit(Evidence.Unknown), false);
        card.AddCredit(rule, Criterion.StrategicFit, "strategy", "answer", p.Credit(o.StrategicFit.Strategy), false);
        card.AddCredit(rule, Criterion.StrategicFit, "marketPositioning", "answer", p.Credit(o.StrategicFit.MarketPositioning), false);
        card.AddCredit(rule, Criterion.StrategicFit, "productDirection", "answer", p.Credit(o.StrategicFit.ProductDirection), false);
        card.AddCredit(rule, Criterion.StrategicFit, "futureInfluence", "answer", p.Credit(o.StrategicFit.FutureInfluence), false);
        card.AddCredit(rule, Criterion.GrossMargin, "margin", "answer", o.GrossMargin is { } m ? p.MarginCredit.Credit(m) : p.Credit(Evidence.Unknown), false);
    }
}

/// <summary>The prototype rule-set tags.</summary>
public static class PrototypeRuleSets
{
    /// <summary>Join shape.</summary>
    public const string Join = "ProtoJoin";

    /// <summary>Alpha shape.</summary>
    public const string Alpha = "ProtoAlpha";

    /// <summary>One table rule.</summary>
    public const string Table = "ProtoTable";
}

/// <summary>Need.level, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinNeedLevel() : JoinPointsRule(Criterion.Need, "level", (o, p) => p.Credit(o.Need.Level));

/// <summary>Need.level, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaNeedLevel() : AlphaPointsRule(Criterion.Need, "level", (o, p) => p.Credit(o.Need.Level));

/// <summary>Need.requirementsDocumented, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinNeedRequirementsDocumented() : JoinPointsRule(Criterion.Need, "requirementsDocumented", (o, p) => p.Credit(o.Need.RequirementsDocumented));

/// <summary>Need.requirementsDocumented, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaNeedRequirementsDocumented() : AlphaPointsRule(Criterion.Need, "requirementsDocumented", (o, p) => p.Credit(o.Need.RequirementsDocumented));

/// <summary>Need.evaluationCriteriaKnown, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinNeedEvaluationCriteriaKnown() : JoinPointsRule(Criterion.Need, "evaluationCriteriaKnown", (o, p) => p.Credit(o.Need.EvaluationCriteriaKnown));

/// <summary>Need.evaluationCriteriaKnown, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaNeedEvaluationCriteriaKnown() : AlphaPointsRule(Criterion.Need, "evaluationCriteriaKnown", (o, p) => p.Credit(o.Need.EvaluationCriteriaKnown));

/// <summary>Budget.status, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinBudgetStatus() : JoinPointsRule(Criterion.Budget, "status", (o, p) => p.Credit(o.Budget.Status));

/// <summary>Budget.status, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaBudgetStatus() : AlphaPointsRule(Criterion.Budget, "status", (o, p) => p.Credit(o.Budget.Status));

/// <summary>Budget.coverage, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinBudgetCoverage() : JoinPointsRule(Criterion.Budget, "coverage", (o, p) => o.Budget.Amount is { } a ? p.BudgetCoverage.Credit(a / o.ExpectedContractAmount) : p.Credit(Evidence.Unknown));

/// <summary>Budget.coverage, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaBudgetCoverage() : AlphaPointsRule(Criterion.Budget, "coverage", (o, p) => o.Budget.Amount is { } a ? p.BudgetCoverage.Credit(a / o.ExpectedContractAmount) : p.Credit(Evidence.Unknown));

/// <summary>Timeline.purchaseTimeframe, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinTimelinePurchaseTimeframe() : JoinPointsRule(Criterion.Timeline, "purchaseTimeframe", (o, p) => p.Credit(o.Timeline.PurchaseTimeframe));

/// <summary>Timeline.purchaseTimeframe, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaTimelinePurchaseTimeframe() : AlphaPointsRule(Criterion.Timeline, "purchaseTimeframe", (o, p) => p.Credit(o.Timeline.PurchaseTimeframe));

/// <summary>Timeline.schedule, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinTimelineSchedule() : JoinPointsRule(Criterion.Timeline, "schedule", (o, p) => p.Credit(Derive.Schedule(o)));

/// <summary>Timeline.schedule, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaTimelineSchedule() : AlphaPointsRule(Criterion.Timeline, "schedule", (o, p) => p.Credit(Derive.Schedule(o)));

/// <summary>Competition.position, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinCompetitionPosition() : JoinPointsRule(Criterion.Competition, "position", (o, p) => p.Credit(o.Competition.Position));

/// <summary>Competition.position, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaCompetitionPosition() : AlphaPointsRule(Criterion.Competition, "position", (o, p) => p.Credit(o.Competition.Position));

/// <summary>Competition.buyingCriteriaFavor, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinCompetitionBuyingCriteriaFavor() : JoinPointsRule(Criterion.Competition, "buyingCriteriaFavor", (o, p) => p.Credit(o.Competition.BuyingCriteriaFavor));

/// <summary>Competition.buyingCriteriaFavor, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaCompetitionBuyingCriteriaFavor() : AlphaPointsRule(Criterion.Competition, "buyingCriteriaFavor", (o, p) => p.Credit(o.Competition.BuyingCriteriaFavor));

/// <summary>Competition.incumbent, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinCompetitionIncumbent() : JoinPointsRule(Criterion.Competition, "incumbent", (o, p) => p.Credit(o.Competition.Incumbent));

/// <summary>Competition.incumbent, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaCompetitionIncumbent() : AlphaPointsRule(Criterion.Competition, "incumbent", (o, p) => p.Credit(o.Competition.Incumbent));

/// <summary>DecisionChain.keyBuyerCoverage, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinDecisionChainKeyBuyerCoverage() : JoinPointsRule(Criterion.DecisionChain, "keyBuyerCoverage", (o, p) => o.DecisionChain.KeyBuyerCoverage is { } k ? p.Credit(k) : p.Credit(Evidence.Unknown));

/// <summary>DecisionChain.keyBuyerCoverage, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaDecisionChainKeyBuyerCoverage() : AlphaPointsRule(Criterion.DecisionChain, "keyBuyerCoverage", (o, p) => o.DecisionChain.KeyBuyerCoverage is { } k ? p.Credit(k) : p.Credit(Evidence.Unknown));

/// <summary>DecisionChain.support, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinDecisionChainSupport() : JoinPointsRule(Criterion.DecisionChain, "support", (o, p) => p.Credit(o.DecisionChain.BestSupport));

/// <summary>DecisionChain.support, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaDecisionChainSupport() : AlphaPointsRule(Criterion.DecisionChain, "support", (o, p) => p.Credit(o.DecisionChain.BestSupport));

/// <summary>DecisionChain.opposition, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinDecisionChainOpposition() : JoinPointsRule(Criterion.DecisionChain, "opposition", (o, p) => o.DecisionChain.BestSupport == Stance.Unknown ? p.Credit(Evidence.Unknown) : p.OppositionCredit(o.DecisionChain.HighInfluenceOpponents, o.DecisionChain.MediumInfluenceOpponents));

/// <summary>DecisionChain.opposition, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaDecisionChainOpposition() : AlphaPointsRule(Criterion.DecisionChain, "opposition", (o, p) => o.DecisionChain.BestSupport == Stance.Unknown ? p.Credit(Evidence.Unknown) : p.OppositionCredit(o.DecisionChain.HighInfluenceOpponents, o.DecisionChain.MediumInfluenceOpponents));

/// <summary>DecisionChain.procurementEngaged, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinDecisionChainProcurementEngaged() : JoinPointsRule(Criterion.DecisionChain, "procurementEngaged", (o, p) => p.Credit(o.DecisionChain.ProcurementEngaged));

/// <summary>DecisionChain.procurementEngaged, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaDecisionChainProcurementEngaged() : AlphaPointsRule(Criterion.DecisionChain, "procurementEngaged", (o, p) => p.Credit(o.DecisionChain.ProcurementEngaged));

/// <summary>DecisionChain.breadth, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinDecisionChainBreadth() : JoinPointsRule(Criterion.DecisionChain, "breadth", (o, p) => o.DecisionChain.IsMapped ? Derive.Breadth(o.DecisionChain, p) : p.Credit(Evidence.Unknown));

/// <summary>DecisionChain.breadth, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaDecisionChainBreadth() : AlphaPointsRule(Criterion.DecisionChain, "breadth", (o, p) => o.DecisionChain.IsMapped ? Derive.Breadth(o.DecisionChain, p) : p.Credit(Evidence.Unknown));

/// <summary>StrategicFit.strategy, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinStrategicFitStrategy() : JoinPointsRule(Criterion.StrategicFit, "strategy", (o, p) => p.Credit(o.StrategicFit.Strategy));

/// <summary>StrategicFit.strategy, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaStrategicFitStrategy() : AlphaPointsRule(Criterion.StrategicFit, "strategy", (o, p) => p.Credit(o.StrategicFit.Strategy));

/// <summary>StrategicFit.marketPositioning, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinStrategicFitMarketPositioning() : JoinPointsRule(Criterion.StrategicFit, "marketPositioning", (o, p) => p.Credit(o.StrategicFit.MarketPositioning));

/// <summary>StrategicFit.marketPositioning, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaStrategicFitMarketPositioning() : AlphaPointsRule(Criterion.StrategicFit, "marketPositioning", (o, p) => p.Credit(o.StrategicFit.MarketPositioning));

/// <summary>StrategicFit.productDirection, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinStrategicFitProductDirection() : JoinPointsRule(Criterion.StrategicFit, "productDirection", (o, p) => p.Credit(o.StrategicFit.ProductDirection));

/// <summary>StrategicFit.productDirection, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaStrategicFitProductDirection() : AlphaPointsRule(Criterion.StrategicFit, "productDirection", (o, p) => p.Credit(o.StrategicFit.ProductDirection));

/// <summary>StrategicFit.futureInfluence, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinStrategicFitFutureInfluence() : JoinPointsRule(Criterion.StrategicFit, "futureInfluence", (o, p) => p.Credit(o.StrategicFit.FutureInfluence));

/// <summary>StrategicFit.futureInfluence, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaStrategicFitFutureInfluence() : AlphaPointsRule(Criterion.StrategicFit, "futureInfluence", (o, p) => p.Credit(o.StrategicFit.FutureInfluence));

/// <summary>GrossMargin.margin, joined.</summary>
[Tag(PrototypeRuleSets.Join)]
public sealed class JoinGrossMarginMargin() : JoinPointsRule(Criterion.GrossMargin, "margin", (o, p) => o.GrossMargin is { } m ? p.MarginCredit.Credit(m) : p.Credit(Evidence.Unknown));

/// <summary>GrossMargin.margin, alpha.</summary>
[Tag(PrototypeRuleSets.Alpha)]
public sealed class AlphaGrossMarginMargin() : AlphaPointsRule(Criterion.GrossMargin, "margin", (o, p) => o.GrossMargin is { } m ? p.MarginCredit.Credit(m) : p.Credit(Evidence.Unknown));
