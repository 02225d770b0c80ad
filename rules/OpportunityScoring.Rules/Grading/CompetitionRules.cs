using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Rules.Grading;

/// <summary>競爭: our position against the competitors.</summary>
[Name("Grading.Competition.Position")]
[Description("競爭: credits our competitive position from the policy's competitivePosition scale (leading most, behind least).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class CompetitivePositionRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Competition, "position", opp.Competition.Position));
    }
}

/// <summary>競爭: whom the buying criteria favour (source: tender stage, "客戶的購買指標確實對自己不利").</summary>
[Name("Grading.Competition.BuyingCriteriaFavor")]
[Description("競爭: credits whom the customer's buying criteria favour from the policy's buyingCriteriaFavor scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class BuyingCriteriaFavorRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Competition, "buyingCriteriaFavor", opp.Competition.BuyingCriteriaFavor));
    }
}

/// <summary>競爭: who holds the account today.</summary>
[Name("Grading.Competition.Incumbent")]
[Description("競爭: credits the incumbent from the policy's incumbent scale (us most, a competitor least).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class IncumbentRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Competition, "incumbent", opp.Competition.Incumbent));
    }
}

/// <summary>Red flag: the buying criteria favour a competitor (source: withdraw, or bid only for the relationship).</summary>
[Name("Grading.Competition.CriteriaAgainstUs")]
[Description("競爭: flags buying criteria that favour a competitor — the source says withdraw, or bid only to build the relationship. Raised up to the tender only: after it, the deal is decided.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class CriteriaAgainstUsFlagRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage <= Stage.Tender && o.Competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor);
        Then().Do(ctx => ctx.Flag(Criterion.Competition, "buyingCriteriaAgainstUs"));
    }
}
