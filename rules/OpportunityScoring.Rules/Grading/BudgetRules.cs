using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.Grading;

/// <summary>預算 status (source: "預算"; Dynamics 365 budgetstatus).</summary>
[Name("Grading.Budget.Status")]
[Description("預算: credits the budget status from the policy's budgetStatus scale (will buy most, no committed budget nothing).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class BudgetStatusRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Budget, "status", opp.Budget.Status));
    }
}

/// <summary>預算 amount against the expected contract amount, when the amount is known.</summary>
[Name("Grading.Budget.Coverage")]
[Description("預算: credits the budget amount as a fraction of the expected contract amount, on the policy's budgetCoverage steps.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class BudgetCoverageRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp, o => o.Budget.Amount != null).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.Budget, "coverage",
            MessageText.Of("answer.budgetCoverage", Wording.PercentText(opp.Budget.Amount!.Value / opp.ExpectedContractAmount)),
            policy.BudgetCoverage.Credit(opp.Budget.Amount!.Value / opp.ExpectedContractAmount), false));
    }
}

/// <summary>預算 amount unknown.</summary>
[Name("Grading.Budget.CoverageUnknown")]
[Description("預算: an unknown budget amount earns the policy's credit for unknown answers, never the credit for no.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class BudgetCoverageUnknownRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => opp, o => o.Budget.Amount == null).Match(() => policy);
        Then().Do(ctx => ctx.Credit(Criterion.Budget, "coverage", "unknown", policy.Credit(Evidence.Unknown), true));
    }
}

/// <summary>Knock-out: no committed budget.</summary>
[Name("Grading.KnockOut.NoCommittedBudget")]
[Description("預算: a known absence of committed budget caps the grade at the policy's cap for knock-out noCommittedBudget.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class NoCommittedBudgetKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When()
            .Match(() => opp, o => o.Budget.Status == BudgetStatus.NoCommittedBudget)
            .Match(() => policy, p => p.KnockOut(GradingCodes.NoCommittedBudget) != null);
        Then().Do(ctx => ctx.KnockOut(Criterion.Budget, GradingCodes.NoCommittedBudget));
    }
}
