using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.Grading;

/// <summary>需求 (source: "蒐集和明確客戶的需求"): the need level earns the policy's credit for it.</summary>
[Name("Grading.Need.Level")]
[Description("需求: credits the customer's need level from the policy's needLevel scale (must-have most, no-need nothing, unknown its own credit).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class NeedLevelRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Need, "level", opp.Need.Level));
    }
}

/// <summary>需求 clarified and documented.</summary>
[Name("Grading.Need.RequirementsDocumented")]
[Description("需求: credits documented requirements (yes / partial / no / unknown on the policy's answer scale).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class RequirementsDocumentedRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Need, "requirementsDocumented", opp.Need.RequirementsDocumented));
    }
}

/// <summary>優先評估項 and 購買指標 known (source: "優先評估項等關鍵評估元素").</summary>
[Name("Grading.Need.EvaluationCriteriaKnown")]
[Description("需求: credits knowing the customer's priority evaluation items and buying criteria (優先評估項, 購買指標).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class EvaluationCriteriaKnownRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Need, "evaluationCriteriaKnown", opp.Need.EvaluationCriteriaKnown));
    }
}

/// <summary>Knock-out: the customer has no need.</summary>
[Name("Grading.KnockOut.NoNeed")]
[Description("需求: a known no-need caps the grade at the policy's cap for knock-out noNeed.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class NoNeedKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When()
            .Match(() => opp, o => o.Need.Level == NeedLevel.NoNeed)
            .Match(() => policy, p => p.KnockOut(GradingCodes.NoNeed) != null);
        Then().Do(ctx => ctx.KnockOut(Criterion.Need, GradingCodes.NoNeed));
    }
}
