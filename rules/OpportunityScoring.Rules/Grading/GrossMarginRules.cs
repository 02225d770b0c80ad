using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.Grading;

/// <summary>毛利率: the project's gross margin (source: "專案毛利率估計"; tender: "對工程成本和毛利情況進行分析").</summary>
[Name("Grading.GrossMargin.Margin")]
[Description("毛利率: credits the gross margin — (amount − estimated cost) / amount, else the initiation report's estimate — on the policy's marginCredit steps.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class GrossMarginRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp, o => o.GrossMargin != null).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.GrossMargin, "margin", Wording.PercentText(opp.GrossMargin!.Value), policy.MarginCredit.Credit(opp.GrossMargin!.Value), false));
    }
}

/// <summary>毛利率 unknown: neither a cost estimate nor a margin estimate.</summary>
[Name("Grading.GrossMargin.Unknown")]
[Description("毛利率: with neither a cost estimate nor the initiation report's margin estimate, the margin earns the policy's credit for unknown.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class GrossMarginUnknownRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp, o => o.GrossMargin == null).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.GrossMargin, "margin", "unknown", policy.Credit(Evidence.Unknown), true));
    }
}

/// <summary>Knock-out: the project would make a loss (source: "甚至虧損").</summary>
[Name("Grading.KnockOut.LossMaking")]
[Description("毛利率: a negative gross margin caps the grade (knock-out lossMaking).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class LossMakingKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When()
            .Match(() => opp, o => o.GrossMargin < 0m)
            .Match(() => policy, p => p.KnockOut(GradingCodes.LossMaking) != null);
        Then().Do(ctx => ctx.KnockOut(Criterion.GrossMargin, GradingCodes.LossMaking));
    }
}
