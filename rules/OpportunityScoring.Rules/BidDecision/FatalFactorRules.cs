using NRules.Fluent.Dsl;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.BidDecision;

/// <summary>Buying criteria against us while we are behind (source: "如果發現客戶的購買指標確實對自己不利,大客戶經理這時可以選擇退出競爭").</summary>
[Name("Bid.Competition.CriteriaAgainstUs")]
[Description("Fatal factor criteriaAgainstUs: the buying criteria favour a competitor and we are behind — withdraw, or bid only to build the relationship.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class CriteriaAgainstUsFatalRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.Competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor && o.Competition.Position == CompetitivePosition.Behind)
            .Match(() => policy, p => p.IsFatal("criteriaAgainstUs"));
        Then().Do(ctx => ctx.Fatal("criteriaAgainstUs",
            FactorValue.Of("buyingCriteriaFavor neutral or us, or position even or better"), FactorValue.Of("buyingCriteriaFavor competitor, position behind")));
    }
}

/// <summary>
/// The relationship bid (source: "大客戶經理這時可以選擇退出競爭,或者利用這次機會與其建立關係,等待下次機會"): with the buying criteria
/// against us, an account worth the relationship may still get a bid that does not lose money.
/// </summary>
[Name("Bid.Competition.RelationshipBid")]
[Description("Opens a relationship bid when the buying criteria favour a competitor and we are behind (criteriaAgainstUs), the policy's bid.relationshipBid finds the account worth it (a key account, or a relevance to the company's future of at least its minimum) and the margin is known; it replaces the no-bid only when criteriaAgainstUs is the only fatal factor, so the bid never loses money (loss is always fatal).")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class RelationshipBidRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.Competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor
                && o.Competition.Position == CompetitivePosition.Behind && o.GrossMargin != null)
            .Match(() => policy, p => p.IsFatal("criteriaAgainstUs") && p.WorthRelationshipBid(opp));
        Then().Do(ctx => ctx.OpenRelationshipBid());
    }
}

/// <summary>No committed budget at the tender.</summary>
[Name("Bid.Budget.NoCommittedBudget")]
[Description("Fatal factor noCommittedBudget: at the tender the customer has no committed budget.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class NoCommittedBudgetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => o.Stage == Stage.Tender && o.Budget.Status == BudgetStatus.NoCommittedBudget)
            .Match(() => policy, p => p.IsFatal("noCommittedBudget"));
        Then().Do(ctx => ctx.Fatal("noCommittedBudget",
            FactorValue.Of("budget status mayBuy or better"), FactorValue.Of("noCommittedBudget")));
    }
}

/// <summary>No need.</summary>
[Name("Bid.Need.NoNeed")]
[Description("Fatal factor noNeed: the customer has no need.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class NoNeedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.Need.Level == NeedLevel.NoNeed)
            .Match(() => policy, p => p.IsFatal("noNeed"));
        Then().Do(ctx => ctx.Fatal("noNeed", FactorValue.Of("need goodToHave or better"), FactorValue.Of("noNeed")));
    }
}

/// <summary>Outside the strategy with no future influence (source: "判斷專案是否符合公司戰略規劃…否則,須確定…相關性").</summary>
[Name("Bid.Strategy.Outside")]
[Description("Fatal factor outsideStrategy: the project is outside the company's strategy and has no relevance to its future direction.")]
[Tag(RuleSetNames.BidDecision)]
[Priority(Phase.Bid)]
internal sealed class OutsideStrategyRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        BidPolicy policy = default!;
        When()
            .Match(() => opp, o => BidCodes.Applies(o.Stage) && o.StrategicFit.Strategy == Evidence.No && o.StrategicFit.FutureInfluence == FutureInfluence.None)
            .Match(() => policy, p => p.IsFatal("outsideStrategy"));
        Then().Do(ctx => ctx.Fatal("outsideStrategy",
            FactorValue.Of("strategy yes/partial, or some future influence"), FactorValue.Of("strategy no, futureInfluence none")));
    }
}
