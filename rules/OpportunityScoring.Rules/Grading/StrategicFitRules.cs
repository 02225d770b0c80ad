using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.Grading;

/// <summary>戰略符合: fit with the strategic plan (source: "判斷專案是否符合公司戰略規劃").</summary>
[Name("Grading.StrategicFit.Strategy")]
[Description("戰略符合: credits fit with the company's strategic plan on the policy's answer scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class StrategyFitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.StrategicFit, "strategy", opp.StrategicFit.Strategy));
    }
}

/// <summary>戰略符合: fit with the market positioning (source: "市場定位").</summary>
[Name("Grading.StrategicFit.MarketPositioning")]
[Description("戰略符合: credits fit with the company's market positioning on the policy's answer scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class MarketPositioningFitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.StrategicFit, "marketPositioning", opp.StrategicFit.MarketPositioning));
    }
}

/// <summary>戰略符合: fit with the product and technology direction (source: "產品和技術的經營方向").</summary>
[Name("Grading.StrategicFit.ProductDirection")]
[Description("戰略符合: credits fit with the product and technology direction on the policy's answer scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class ProductDirectionFitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.StrategicFit, "productDirection", opp.StrategicFit.ProductDirection));
    }
}

/// <summary>戰略符合: relevance to future direction when the fit is not direct (source: "否則,須確定專案對公司未來發展方向或市場影響力的因素是否有相關性").</summary>
[Name("Grading.StrategicFit.FutureInfluence")]
[Description("戰略符合: credits relevance to the company's future direction or market influence on the policy's futureInfluence scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class FutureInfluenceRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.StrategicFit, "futureInfluence", opp.StrategicFit.FutureInfluence));
    }
}

/// <summary>Knock-out: outside the strategy with no future influence (source: the 否則 clause answered no).</summary>
[Name("Grading.KnockOut.OutsideStrategy")]
[Description("戰略符合: a project known to be outside the strategy and with no relevance to future direction caps the grade (knock-out outsideStrategy).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class OutsideStrategyKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When()
            .Match(() => opp, o => o.StrategicFit.Strategy == Evidence.No && o.StrategicFit.FutureInfluence == FutureInfluence.None)
            .Match(() => policy, p => p.KnockOut(GradingCodes.OutsideStrategy) != null);
        Then().Do(ctx => ctx.KnockOut(Criterion.StrategicFit, GradingCodes.OutsideStrategy));
    }
}
