using NRules.Fluent.Dsl;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.BidDecision;

/// <summary>The margin cutoff (source: "如果成本過高則導致利潤達不到公司要求…可專案結項,總結不投標的致命因素").</summary>
[Name("Bid.Margin.BelowFloor")]
[Description("Fatal factor marginBelowFloor: the gross margin is below the company's floor (policy bid.marginFloor, per classification).")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class MarginBelowFloorRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.GrossMargin != null)
            .Match(() => policy, p => p.IsFatal("marginBelowFloor") && opp.GrossMargin < p.FloorFor(opp));
        Then().Do(ctx => ctx.Fatal("marginBelowFloor",
            MessageText.Of("fatal.marginBelowFloor", Wording.Percent(opp.GrossMargin!.Value), Wording.Percent(policy.FloorFor(opp))),
            FactorValue.Of(policy.FloorFor(opp)), FactorValue.Of(opp.GrossMargin!.Value)));
    }
}

/// <summary>The loss cutoff (source: "甚至虧損").</summary>
[Name("Bid.Margin.Loss")]
[Description("Fatal factor loss: the project would lose money once the estimated cost, the sales expense and the bid cost are paid.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class LossRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && Figures.NetProfit(o) < 0m)
            .Match(() => policy, p => p.IsFatal("loss"));
        Then().Do(ctx => ctx.Fatal("loss",
            MessageText.Of("fatal.loss", Wording.Amount(-Figures.NetProfit(opp)!.Value)),
            FactorValue.Of(0m), FactorValue.Of(Figures.NetProfit(opp)!.Value)));
    }
}

/// <summary>A margin just above the floor: people decide.</summary>
[Name("Bid.Margin.NearFloor")]
[Description("Review: the gross margin clears the floor by less than the policy's review band.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class MarginNearFloorRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.GrossMargin != null)
            .Match(() => policy, p => opp.GrossMargin >= p.FloorFor(opp) && opp.GrossMargin < p.FloorFor(opp) + p.ReviewBand);
        Then().Do(ctx => ctx.ReviewBid("marginNearFloor",
            MessageText.Of("review.marginNearFloor", Wording.Percent(opp.GrossMargin!.Value), Wording.Percent(policy.FloorFor(opp)), Wording.Percent(policy.ReviewBand))));
    }
}

/// <summary>Unknown margin: unknown is not no, so no cutoff fires; people decide once the cost is estimated.</summary>
[Name("Bid.Margin.Unknown")]
[Description("Review: with neither a cost estimate nor a margin estimate the cutoff cannot be applied (unknown is not no); estimate the engineering cost.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class MarginUnknownRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => BidCodes.Applies(o.Stage) && o.GrossMargin == null);
        Then().Do(ctx => ctx.ReviewBid("marginUnknown"));
    }
}

/// <summary>Bid economics: expected value, break-even win probability, the bid cost the opportunity can carry.</summary>
[Name("Bid.Economics")]
[Description("Computes the bid economics: expected value = P(win) × margin amount − bid cost, the break-even win probability and the largest bid cost the opportunity can carry.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class EconomicsRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradeAssigned grade = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.GrossMargin != null)
            .Match(() => grade);
        Then().Do(ctx => ctx.SetEconomics(opp));
    }
}
