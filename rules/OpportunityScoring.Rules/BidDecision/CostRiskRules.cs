using NRules.Fluent.Dsl;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.BidDecision;

/// <summary>Cost risk: the cost as a distribution over its range (MathNet.Numerics).</summary>
[Name("Bid.CostRisk.Estimate")]
[Description("Estimates the cost risk when a cost range is given: a Beta-PERT (or triangular) cost over low / estimate / high, and the probabilities of a margin below the floor and of a loss.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.BidRisk)]
internal sealed class CostRiskEstimateRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When().Match(() => opp, o => BidCodes.Applies(o.Stage) && o.CostRange != null).Match(() => policy);
        Then().Do(ctx => ctx.SetCostRisk(Figures.CostRisk(opp, policy)));
    }
}

/// <summary>A cost risk so high it is fatal.</summary>
[Name("Bid.CostRisk.NoBid")]
[Description("Fatal factor costRisk: the probability of the margin falling below the floor reaches the policy's noBidAbove.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class CostRiskNoBidRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => policy, p => p.IsFatal("costRisk"))
            .Match(() => risk, r => (decimal)r.ProbabilityBelowFloor >= policy.CostRisk.NoBidAbove);
        Then().Do(ctx => ctx.Fatal("costRisk",
            MessageText.Of("fatal.costRisk", Wording.Probability(risk.ProbabilityBelowFloor), Wording.Amount(risk.CostAtFloor)),
            FactorValue.Of(policy.CostRisk.NoBidAbove), FactorValue.Of((decimal)risk.ProbabilityBelowFloor)));
    }
}

/// <summary>A cost risk people must review.</summary>
[Name("Bid.CostRisk.Review")]
[Description("Review: the probability of the margin falling below the floor reaches the policy's reviewAbove (and is not already fatal).")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class CostRiskReviewRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => policy)
            .Match(() => risk, r => (decimal)r.ProbabilityBelowFloor >= policy.CostRisk.ReviewAbove
                && ((decimal)r.ProbabilityBelowFloor < policy.CostRisk.NoBidAbove || !policy.IsFatal("costRisk")));
        Then().Do(ctx => ctx.ReviewBid("costRisk",
            MessageText.Of("review.costRisk", Wording.Probability(risk.ProbabilityBelowFloor), Wording.Amount(policy.CostRisk.ReviewAbove))));
    }
}

/// <summary>A real chance of a loss.</summary>
[Name("Bid.CostRisk.LossReview")]
[Description("Review: the probability of a loss reaches the policy's lossReviewAbove.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class LossRiskReviewRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        CostRisk risk = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => policy)
            .Match(() => risk, r => (decimal)r.ProbabilityOfLoss >= policy.CostRisk.LossReviewAbove && r.ProbabilityOfLoss > 0);
        Then().Do(ctx => ctx.ReviewBid("lossRisk",
            MessageText.Of("review.lossRisk", Wording.Probability(risk.ProbabilityOfLoss), Wording.Amount(risk.CostAtLoss))));
    }
}

/// <summary>Decides the bid once every bid rule has fired.</summary>
[Name("Bid.Decide")]
[Description("Decides the bid: a relationship bid when the buying criteria against us are the only fatal factor and its conditions hold, no-bid when any fatal factor holds, review when any review reason holds, else bid. Applies up to the tender stage: before it the result is an outlook, at the tender the decision.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.BidDecision)]
internal sealed class BidDecideRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradeAssigned grade = default!;
        When().Match(() => opp, o => BidCodes.Applies(o.Stage)).Match(() => grade);
        Then().Do(ctx => ctx.DecideBid(opp));
    }
}
