using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.BidDecision;

/// <summary>Cost risk: the cost as a distribution over its range (MathNet.Numerics).</summary>
[Name("Bid.CostRisk.Estimate")]
[Description("Estimates the cost risk when a cost range is given: a Beta-PERT (or triangular) cost over low / estimate / high, and the probabilities of a margin below the floor and of a loss.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.BidRisk)]
public sealed class CostRiskEstimateRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => Derive.BidApplies(o.Stage) && o.CostRange != null);
        Then().Do(ctx => Derive.EstimateCostRisk(ctx, card, opp, card.Policy));
    }
}

/// <summary>A cost risk so high it is fatal.</summary>
[Name("Bid.CostRisk.NoBid")]
[Description("Fatal factor costRisk: the probability of the margin falling below the floor reaches the policy's noBidAbove.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
public sealed class CostRiskNoBidRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => policy, p => p.IsFatal("costRisk"))
            .Match(() => risk, r => (decimal)r.ProbabilityBelowFloor >= policy.Bid.CostRisk.NoBidAbove);
        Then().Do(ctx => card.Fatal(ctx.Rule.Name, "costRisk",
            MessageText.Of("fatal.costRisk", Derive.Probability(risk.ProbabilityBelowFloor), Derive.Amount(risk.CostAtFloor)),
            FactorValue.Of(policy.Bid.CostRisk.NoBidAbove), FactorValue.Of((decimal)risk.ProbabilityBelowFloor)));
    }
}

/// <summary>A cost risk people must review.</summary>
[Name("Bid.CostRisk.Review")]
[Description("Review: the probability of the margin falling below the floor reaches the policy's reviewAbove (and is not already fatal).")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
public sealed class CostRiskReviewRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => policy)
            .Match(() => risk, r => (decimal)r.ProbabilityBelowFloor >= policy.Bid.CostRisk.ReviewAbove
                && ((decimal)r.ProbabilityBelowFloor < policy.Bid.CostRisk.NoBidAbove || !policy.IsFatal("costRisk")));
        Then().Do(ctx => card.ReviewBid(ctx.Rule.Name, "costRisk",
            MessageText.Of("review.costRisk", Derive.Probability(risk.ProbabilityBelowFloor), Derive.Amount(policy.Bid.CostRisk.ReviewAbove))));
    }
}

/// <summary>A real chance of a loss.</summary>
[Name("Bid.CostRisk.LossReview")]
[Description("Review: the probability of a loss reaches the policy's lossReviewAbove.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
public sealed class LossRiskReviewRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => policy)
            .Match(() => risk, r => (decimal)r.ProbabilityOfLoss >= policy.Bid.CostRisk.LossReviewAbove && r.ProbabilityOfLoss > 0);
        Then().Do(ctx => card.ReviewBid(ctx.Rule.Name, "lossRisk",
            MessageText.Of("review.lossRisk", Derive.Probability(risk.ProbabilityOfLoss), Derive.Amount(risk.CostAtLoss))));
    }
}

/// <summary>Decides the bid once every bid rule has fired.</summary>
[Name("Bid.Decide")]
[Description("Decides the bid: no-bid when any fatal factor holds, review when any review reason holds, else bid. Applies up to the tender stage.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.BidDecision)]
public sealed class BidDecideRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradeAssigned grade = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => Derive.BidApplies(o.Stage)).Match(() => grade);
        Then().Do(ctx => ctx.Insert(new BidDecided(card.DecideBid(ctx.Rule.Name, opp.GrossMargin, Derive.NetMargin(opp)))));
    }
}
