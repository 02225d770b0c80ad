using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.Grading;

/// <summary>競爭: our position against the competitors.</summary>
[Name("Grading.Competition.Position")]
[Description("競爭: credits our competitive position from the policy's competitivePosition scale (leading most, behind least).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class CompetitivePositionRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Competition, "position", PolicyCatalog.Word(opp.Competition.Position), card.Policy.Credit(opp.Competition.Position), opp.Competition.Position == CompetitivePosition.Unknown));
    }
}

/// <summary>競爭: whom the buying criteria favour (source: tender stage, "客戶的購買指標確實對自己不利").</summary>
[Name("Grading.Competition.BuyingCriteriaFavor")]
[Description("競爭: credits whom the customer's buying criteria favour from the policy's buyingCriteriaFavor scale.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class BuyingCriteriaFavorRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Competition, "buyingCriteriaFavor", PolicyCatalog.Word(opp.Competition.BuyingCriteriaFavor), card.Policy.Credit(opp.Competition.BuyingCriteriaFavor), opp.Competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Unknown));
    }
}

/// <summary>競爭: who holds the account today.</summary>
[Name("Grading.Competition.Incumbent")]
[Description("競爭: credits the incumbent from the policy's incumbent scale (us most, a competitor least).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class IncumbentRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Competition, "incumbent", PolicyCatalog.Word(opp.Competition.Incumbent), card.Policy.Credit(opp.Competition.Incumbent), opp.Competition.Incumbent == Incumbent.Unknown));
    }
}

/// <summary>Red flag: the buying criteria favour a competitor (source: withdraw, or bid only for the relationship).</summary>
[Name("Grading.Competition.CriteriaAgainstUs")]
[Description("競爭: flags buying criteria that favour a competitor — the source says withdraw, or bid only to build the relationship.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class CriteriaAgainstUsRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Competition.BuyingCriteriaFavor == BuyingCriteriaFavor.Competitor);
        Then().Do(ctx => card.Flag(ctx.Rule.Name, Criterion.Competition, "buyingCriteriaAgainstUs"));
    }
}
